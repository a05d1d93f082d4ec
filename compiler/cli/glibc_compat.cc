// Linked into the portable binary only (IPACK_PORTABLE; scripts/release.sh), with
// `-Wl,--wrap=SYMBOL` for each symbol below: the binary is built against Debian 12's glibc 2.36
// but must run on glibc 2.31 (Debian 11, Ubuntu 20.04). Every reference that the static
// libraries (libstdc++, libgcc_eh, libcrypto…) and our code make to a symbol glibc versioned
// after 2.31 is sent here, and each is answered with the older symbol glibc still exports for
// old binaries, or, where there is none, with a small equivalent.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>

// An older version of a glibc symbol, under a local name.
// The version is a string ("GLIBC_2.2.5"): as a bare token, a code formatter splits it at the dot.
#define IPACK_OLD(local, symbol, version) __asm__(".symver " #local "," #symbol "@" version)

extern "C" {

// --- Program start. crt1.o of glibc 2.34+ calls __libc_start_main@GLIBC_2.34 with no init
// function, leaving the constructors to libc; the 2.2.5 version on an older glibc runs only
// the init function it is given. So hand it one that runs the constructors, as crt1.o of
// older glibc did (__libc_csu_init). A newer glibc calls a given init function instead of its
// own loop, so they run once either way.
using InitFn = void (*)(int, char**, char**);
extern InitFn __preinit_array_start[] __attribute__((visibility("hidden")));
extern InitFn __preinit_array_end[] __attribute__((visibility("hidden")));
extern InitFn __init_array_start[] __attribute__((visibility("hidden")));
extern InitFn __init_array_end[] __attribute__((visibility("hidden")));
void _init(void);

static void ipack_csu_init(int argc, char** argv, char** envp) {
  for (InitFn* f = __preinit_array_start; f != __preinit_array_end; ++f) (*f)(argc, argv, envp);
  _init();
  for (InitFn* f = __init_array_start; f != __init_array_end; ++f) (*f)(argc, argv, envp);
}

int ipack_libc_start_main_2_2_5(int (*main)(int, char**, char**), int argc, char** argv, InitFn init,
                                void (*fini)(void), void (*rtld_fini)(void), void* stack_end);
IPACK_OLD(ipack_libc_start_main_2_2_5, __libc_start_main, "GLIBC_2.2.5");
int __wrap___libc_start_main(int (*main)(int, char**, char**), int argc, char** argv, InitFn, void (*fini)(void),
                             void (*rtld_fini)(void), void* stack_end) {
  return ipack_libc_start_main_2_2_5(main, argc, argv, ipack_csu_init, fini, rtld_fini, stack_end);
}

// --- Threads and dynamic loading: moved into libc in 2.34 under new versions; the old ones
// (libpthread.so.0 and libdl.so.2 on an older glibc, which the link names) take the same
// arguments.
#define IPACK_FORWARD(ret, name, params, args)          \
  ret ipack_##name##_2_2_5 params;                      \
  IPACK_OLD(ipack_##name##_2_2_5, name, "GLIBC_2.2.5"); \
  ret __wrap_##name params { return ipack_##name##_2_2_5 args; }

IPACK_FORWARD(int, pthread_create, (pthread_t * t, const pthread_attr_t* a, void* (*f)(void*), void* arg),
              (t, a, f, arg))
IPACK_FORWARD(int, pthread_join, (pthread_t t, void** r), (t, r))
IPACK_FORWARD(int, pthread_detach, (pthread_t t), (t))
IPACK_FORWARD(int, pthread_once, (pthread_once_t * o, void (*f)(void)), (o, f))
IPACK_FORWARD(int, pthread_key_create, (pthread_key_t * k, void (*d)(void*)), (k, d))
IPACK_FORWARD(int, pthread_key_delete, (pthread_key_t k), (k))
IPACK_FORWARD(void*, pthread_getspecific, (pthread_key_t k), (k))
IPACK_FORWARD(int, pthread_setspecific, (pthread_key_t k, const void* v), (k, v))
IPACK_FORWARD(int, pthread_rwlock_rdlock, (pthread_rwlock_t * l), (l))
IPACK_FORWARD(int, pthread_rwlock_wrlock, (pthread_rwlock_t * l), (l))
IPACK_FORWARD(int, pthread_rwlock_unlock, (pthread_rwlock_t * l), (l))
IPACK_FORWARD(int, pthread_rwlock_init, (pthread_rwlock_t * l, const pthread_rwlockattr_t* a), (l, a))
IPACK_FORWARD(int, pthread_rwlock_destroy, (pthread_rwlock_t * l), (l))
IPACK_FORWARD(int, pthread_mutexattr_init, (pthread_mutexattr_t * a), (a))
IPACK_FORWARD(int, pthread_mutexattr_settype, (pthread_mutexattr_t * a, int t), (a, t))
IPACK_FORWARD(int, pthread_mutexattr_destroy, (pthread_mutexattr_t * a), (a))
IPACK_FORWARD(int, __pthread_key_create, (pthread_key_t * k, void (*d)(void*)), (k, d))
IPACK_FORWARD(int, pthread_sigmask, (int how, const sigset_t* set, sigset_t* old), (how, set, old))
// pthread_condattr_setclock's old version is 2.3.3, not 2.2.5.
int ipack_pthread_condattr_setclock_2_3_3(pthread_condattr_t* a, clockid_t c);
IPACK_OLD(ipack_pthread_condattr_setclock_2_3_3, pthread_condattr_setclock, "GLIBC_2.3.3");
int __wrap_pthread_condattr_setclock(pthread_condattr_t* a, clockid_t c) {
  return ipack_pthread_condattr_setclock_2_3_3(a, c);
}
// pthread_cond_clockwait (2.34) is what libstdc++'s condition_variable waits with on the steady
// clock (the XPath rules' deadline). An older glibc has only pthread_cond_timedwait (2.3.2), on
// the realtime clock: wait until the realtime moment that is as far off as the asked one is on
// its own clock (a jump of the realtime clock meanwhile moves the end by as much).
int ipack_pthread_cond_timedwait_2_3_2(pthread_cond_t* c, pthread_mutex_t* m, const struct timespec* at);
IPACK_OLD(ipack_pthread_cond_timedwait_2_3_2, pthread_cond_timedwait, "GLIBC_2.3.2");
int __wrap_pthread_cond_clockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t clock, const struct timespec* at) {
  if (clock == CLOCK_REALTIME) return ipack_pthread_cond_timedwait_2_3_2(c, m, at);
  struct timespec now {}, real {};
  if (clock_gettime(clock, &now) != 0 || clock_gettime(CLOCK_REALTIME, &real) != 0) return EINVAL;
  int64_t left = (static_cast<int64_t>(at->tv_sec) - now.tv_sec) * 1000000000 + (at->tv_nsec - now.tv_nsec);
  int64_t end = real.tv_nsec + (left > 0 ? left : 0);
  struct timespec until {};
  until.tv_sec = real.tv_sec + static_cast<time_t>(end / 1000000000);
  until.tv_nsec = static_cast<long>(end % 1000000000);
  return ipack_pthread_cond_timedwait_2_3_2(c, m, &until);
}
IPACK_FORWARD(void*, dlopen, (const char* f, int m), (f, m))
IPACK_FORWARD(void*, dlsym, (void* h, const char* s), (h, s))
IPACK_FORWARD(int, dlclose, (void* h), (h))
IPACK_FORWARD(char*, dlerror, (void), ())
IPACK_FORWARD(int, dladdr, (const void* a, Dl_info* i), (a, i))

// --- stat family: real functions since 2.33; before, __xstat and friends with a version
// argument (1 on x86-64).
int ipack_xstat_2_2_5(int, const char*, struct stat*);
IPACK_OLD(ipack_xstat_2_2_5, __xstat, "GLIBC_2.2.5");
int ipack_lxstat_2_2_5(int, const char*, struct stat*);
IPACK_OLD(ipack_lxstat_2_2_5, __lxstat, "GLIBC_2.2.5");
int ipack_fxstat_2_2_5(int, int, struct stat*);
IPACK_OLD(ipack_fxstat_2_2_5, __fxstat, "GLIBC_2.2.5");
int ipack_fxstatat_2_2_5(int, int, const char*, struct stat*, int);
IPACK_OLD(ipack_fxstatat_2_2_5, __fxstatat, "GLIBC_2.4");
int __wrap_stat(const char* p, struct stat* b) { return ipack_xstat_2_2_5(1, p, b); }
int __wrap_stat64(const char* p, struct stat* b) { return ipack_xstat_2_2_5(1, p, b); }
int __wrap_lstat(const char* p, struct stat* b) { return ipack_lxstat_2_2_5(1, p, b); }
int __wrap_lstat64(const char* p, struct stat* b) { return ipack_lxstat_2_2_5(1, p, b); }
int __wrap_fstat(int fd, struct stat* b) { return ipack_fxstat_2_2_5(1, fd, b); }
int __wrap_fstat64(int fd, struct stat* b) { return ipack_fxstat_2_2_5(1, fd, b); }
int __wrap_fstatat(int dir, const char* p, struct stat* b, int flags) {
  return ipack_fxstatat_2_2_5(1, dir, p, b, flags);
}
int __wrap_fstatat64(int dir, const char* p, struct stat* b, int flags) {
  return ipack_fxstatat_2_2_5(1, dir, p, b, flags);
}

// --- No older version exists: equivalents.
// libstdc++ skips atomic reference counts when this says single-threaded; 0 keeps them on.
char __wrap___libc_single_threaded = 0;

// std::random_device (2.36): the kernel's random numbers, as arc4random itself draws them.
uint32_t __wrap_arc4random(void) {
  uint32_t value = 0;
  unsigned char* p = reinterpret_cast<unsigned char*>(&value);
  size_t got = 0;
  while (got < sizeof value) {
    ssize_t n = getrandom(p + got, sizeof value - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  return value;
}

// OpenSSL's random seeding (2.36): the same, for a buffer.
void __wrap_arc4random_buf(void* buffer, size_t size) {
  unsigned char* p = static_cast<unsigned char*>(buffer);
  size_t got = 0;
  while (got < size) {
    ssize_t n = getrandom(p + got, size - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
}

// The unwinder (libgcc_eh, 2.35) asks which loaded object holds a code address and where its
// .eh_frame_hdr is; answered from the program headers, as the unwinder did before.
struct IpackFindObject {
  const void* pc;
  void* eh_frame;
  void* map_start;
  void* map_end;
};

static int ipack_find_object_in(struct dl_phdr_info* info, size_t, void* data) {
  auto* want = static_cast<IpackFindObject*>(data);
  uintptr_t pc = reinterpret_cast<uintptr_t>(want->pc);
  bool holds = false;
  uintptr_t low = UINTPTR_MAX, high = 0;
  const ElfW(Phdr)* eh = nullptr;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_GNU_EH_FRAME) eh = &ph;
    if (ph.p_type != PT_LOAD) continue;
    uintptr_t start = info->dlpi_addr + ph.p_vaddr;
    low = start < low ? start : low;
    high = start + ph.p_memsz > high ? start + ph.p_memsz : high;
    if (pc >= start && pc < start + ph.p_memsz) holds = true;
  }
  if (!holds) return 0;
  want->eh_frame = eh ? reinterpret_cast<void*>(info->dlpi_addr + eh->p_vaddr) : nullptr;
  want->map_start = reinterpret_cast<void*>(low);
  want->map_end = reinterpret_cast<void*>(high);
  return 1;
}

int __wrap__dl_find_object(void* pc, struct dl_find_object* result) {
  IpackFindObject want{pc, nullptr, nullptr, nullptr};
  if (dl_iterate_phdr(ipack_find_object_in, &want) == 0) return -1;
  std::memset(result, 0, sizeof *result);
  result->dlfo_map_start = want.map_start;
  result->dlfo_map_end = want.map_end;
  result->dlfo_eh_frame = want.eh_frame;
  return 0;
}

}  // extern "C"
