// `ipack help [COMMAND]`, `ipack completion SHELL`, and the did-you-mean for a misspelt command
// or flag. The completion scripts are made from the commands and flags registered on the app,
// so they list what the binary really accepts.
#include <iostream>
#include <string_view>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "cli/commands.h"

namespace ipack::cli {
namespace {

// The commands a user may type: every subcommand but the ones shells need no help with.
std::vector<CLI::App*> commands_of(CLI::App& app) {
  std::vector<CLI::App*> commands;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) commands.push_back(sub);
  return commands;
}

struct FlagInfo {
  std::vector<std::string> names;  ///< "--format", "-o"
  std::string description;
  bool takes_value = false;
};

std::vector<FlagInfo> flags_of(const CLI::App& command) {
  std::vector<FlagInfo> flags;
  for (const CLI::Option* o : command.get_options()) {
    if (o->get_positional()) continue;
    FlagInfo f;
    for (const auto& l : o->get_lnames()) f.names.push_back("--" + l);
    for (const auto& s : o->get_snames()) f.names.push_back("-" + s);
    if (f.names.empty()) continue;
    f.description = o->get_description();
    f.takes_value = o->get_expected_min() > 0;
    flags.push_back(std::move(f));
  }
  return flags;
}

// A description in single quotes for a shell word.
std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string bash_script(CLI::App& app) {
  std::string names, cases;
  for (CLI::App* c : commands_of(app)) {
    names += (names.empty() ? "" : " ") + c->get_name();
    if (c->get_name() == "help" || c->get_name() == "completion") continue;
    std::string words = "--help";
    for (const auto& f : flags_of(*c))
      for (const auto& n : f.names) words += " " + n;
    cases += fmt::format("    {}) opts=\"{}\" ;;\n", c->get_name(), words);
  }
  return fmt::format(R"(# bash completion for ipack: source it, or save it as
# /usr/share/bash-completion/completions/ipack (or ~/.local/share/bash-completion/completions/ipack).
_ipack() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "{0} --help --version" -- "$cur"))
    return
  fi
  case "${{COMP_WORDS[1]}}" in
{1}    help) COMPREPLY=($(compgen -W "{0}" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -o bashdefault -F _ipack ipack
)",
                     names, cases);
}

std::string zsh_script(CLI::App& app) {
  std::string described, cases;
  for (CLI::App* c : commands_of(app)) {
    std::string name = c->get_name();
    described += "    " + shell_quoted(name + ":" + first_line(c->get_description())) + "\n";
    if (name == "help" || name == "completion") continue;
    std::string specs;
    for (const auto& f : flags_of(*c)) {
      std::string desc = first_line(f.description);
      for (char& ch : desc)
        if (ch == '[' || ch == ']' || ch == ':') ch = ' ';
      for (const auto& n : f.names)
        specs += " \\\n        " + shell_quoted(n + "[" + desc + "]" + (f.takes_value ? ":value:_files" : ""));
    }
    cases += fmt::format("    {})\n      _arguments{} \\\n        '*:file:_files' ;;\n", name, specs);
  }
  return fmt::format(R"(#compdef ipack
# zsh completion for ipack: save it as _ipack in a folder of your $fpath, or source it after compinit.
_ipack() {{
  local -a commands
  commands=(
{0}  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
{1}    help) _describe 'command' commands ;;
    completion) _values 'shell' bash zsh fish ;;
  esac
}}
if [ "$funcstack[1]" = "_ipack" ]; then
  _ipack "$@"
else
  compdef _ipack ipack
fi
)",
                     described, cases);
}

std::string fish_script(CLI::App& app) {
  std::string out = "# fish completion for ipack: save it as ~/.config/fish/completions/ipack.fish\n";
  out += "complete -c ipack -f -n __fish_use_subcommand -a 'help completion' -d 'Help, or a shell completion script'\n";
  for (CLI::App* c : commands_of(app)) {
    if (c->get_name() == "help" || c->get_name() == "completion") continue;
    out += fmt::format("complete -c ipack -f -n __fish_use_subcommand -a {} -d {}\n", c->get_name(),
                       shell_quoted(first_line(c->get_description())));
    for (const auto& f : flags_of(*c)) {
      std::string spec;
      for (const auto& n : f.names) spec += n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1);
      out += fmt::format("complete -c ipack -n '__fish_seen_subcommand_from {}'{}{} -d {}\n", c->get_name(), spec,
                         f.takes_value ? " -r" : "", shell_quoted(first_line(f.description)));
    }
  }
  return out;
}

}  // namespace

void add_help_commands(CLI::App& app, int& exit_code) {
  auto topic = std::make_shared<std::string>();
  CLI::App* help = app.add_subcommand("help", "Show the help of ipack, or of one command");
  help->add_option("command", *topic, "A command, e.g. validate")->type_name("COMMAND");
  help->callback([&app, topic, &exit_code] {
    // app.help() would describe the command being run (help itself): format the top level.
    if (topic->empty()) {
      std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
      exit_code = kOk;
      return;
    }
    CLI::App* command = nullptr;
    try {
      command = app.get_subcommand(*topic);
    } catch (const CLI::OptionNotFound&) {
    }
    if (!command) {
      print_error(
          fmt::format("no command \"{}\"{}; `ipack help` lists them", *topic, suggestion_for_command(app, *topic)));
      exit_code = kUsage;
      return;
    }
    std::cout << command->help(app.get_name());
    exit_code = kOk;
  });

  auto shell = std::make_shared<std::string>();
  CLI::App* completion = app.add_subcommand("completion", "Print a shell completion script (bash, zsh, fish)");
  completion->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->type_name("SHELL")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->callback([&app, shell, &exit_code] {
    std::cout << (*shell == "bash" ? bash_script(app) : *shell == "zsh" ? zsh_script(app) : fish_script(app));
    exit_code = kOk;
  });
}

std::string suggestion_for_command(CLI::App& app, const std::string& word) {
  std::vector<std::string> names;
  for (CLI::App* c : commands_of(app)) names.push_back(c->get_name());
  std::string near = closest_match(word, names);
  return near.empty() ? "" : fmt::format(" (did you mean `ipack {}`?)", near);
}

bool check_command_line(CLI::App& app, int argc, char** argv) {
  if (argc < 2) return true;
  std::string first = argv[1];
  if (first.empty() || first[0] == '-') return true;  // --help, --version: CLI11 handles them
  CLI::App* command = nullptr;
  try {
    command = app.get_subcommand(first);
  } catch (const CLI::OptionNotFound&) {
  }
  if (!command) {
    print_error(fmt::format("no command \"{}\"{}; `ipack help` lists them", first, suggestion_for_command(app, first)));
    return false;
  }
  for (int i = 2; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--") break;
    if (word.rfind("--", 0) != 0 || word == "--help") continue;
    std::string name = word.substr(2, word.find('=') == std::string::npos ? std::string::npos : word.find('=') - 2);
    if (command->get_option_no_throw("--" + name)) continue;
    std::vector<std::string> names;
    for (const auto& f : flags_of(*command))
      for (const auto& n : f.names)
        if (n.rfind("--", 0) == 0) names.push_back(n.substr(2));
    std::string near = closest_match(name, names);
    print_error(fmt::format("`ipack {}` has no flag --{}{}; `ipack help {}` lists its flags", first, name,
                            near.empty() ? "" : fmt::format(" (did you mean --{}?)", near), first));
    return false;
  }
  return true;
}

}  // namespace ipack::cli
