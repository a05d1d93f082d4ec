# What `cmake --install` puts in place, and the Debian package (`cpack -G DEB`), for a
# top-level, non-instrumented build. scripts/package-test.sh builds, installs and runs it.
#
#   bin/ipack
#   share/ipack/schemas/*.json        the JSON Schemas `ipack schema` prints
#   share/man/man1/ipack.1.gz         docs/ipack.1, gzip -9n as Debian policy wants

if(NOT CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR OR IPACK_FUZZ OR IPACK_SANITIZE)
  return()
endif()

include(GNUInstallDirs)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/ipack/schemas
        FILES_MATCHING PATTERN "*.json")

find_program(IPACK_GZIP gzip)
if(IPACK_GZIP)
  set(IPACK_MANPAGE ${PROJECT_BINARY_DIR}/man/ipack.1.gz)
  add_custom_command(
    OUTPUT ${IPACK_MANPAGE}
    COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/docs/ipack.1 ${PROJECT_BINARY_DIR}/man/ipack.1
    COMMAND ${IPACK_GZIP} -9nf ${PROJECT_BINARY_DIR}/man/ipack.1
    DEPENDS ${PROJECT_SOURCE_DIR}/docs/ipack.1
    COMMENT "Compressing the man page"
    VERBATIM)
  add_custom_target(ipack_manpage ALL DEPENDS ${IPACK_MANPAGE})
else()
  set(IPACK_MANPAGE ${PROJECT_SOURCE_DIR}/docs/ipack.1)
endif()
install(FILES ${IPACK_MANPAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ipack)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "ipack developers <dev@ipack.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "validator and compiler for Boomi integration packs kept in git")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "ipack developers <dev@ipack.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The synopsis line is CPACK_PACKAGE_DESCRIPTION_SUMMARY; this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "ipack reads the YAML manifest of a Boomi integration pack and the XML exports of
the components it ships, checks them against the manifest's JSON Schema, the
platform's rules and the component graph, and reports each finding with its
file, line, column and a stable rule id, as text, JSON, SARIF, JUnit or GitHub
annotations. It runs while a pack is written, as a pre-commit hook and in CI.")
# dpkg-shlibdeps (dpkg-dev) computes Depends from the libraries the binary links. libcurl is
# loaded at run time by the platform commands (platform/curl_runtime.cc), so it is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4")
include(CPack)
