# Installation and the Debian package (docs/operations.md). Included last by CMakeLists.txt.
#
# Components:
#   concord  the binary alone: what scripts/main.sh installs into /usr/local
#   data     the shipped charters and histories, the man pages, the documentation
#   service  the systemd unit, /etc/concord/concord.env and concord-backup (Debian package only:
#            the unit and the environment file have absolute destinations)
# `cmake --install build` installs all three; `cpack -G DEB` in the build tree packs all three
# (stripped) into one package, concord_VERSION_ARCH.deb. The web application and the OpenAPI
# description are compiled into the binary, so nothing else is needed.
include(GNUInstallDirs)

install(TARGETS concord RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT concord)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/charters/ DESTINATION ${CMAKE_INSTALL_DATADIR}/concord/charters
        COMPONENT data FILES_MATCHING PATTERN "*.toml")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/histories/ DESTINATION ${CMAKE_INSTALL_DATADIR}/concord/histories
        COMPONENT data FILES_MATCHING PATTERN "*.jsonl")

# Man pages are written in roff (man/); Debian wants them compressed (gzip -n: reproducible).
find_program(CONCORD_GZIP gzip REQUIRED)
set(concord_man_pages concord.1 concord-backup.1 concord-charter.5 concord-journal.5)
set(concord_man_out)
foreach(page IN LISTS concord_man_pages)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
    COMMAND sh -c "${CONCORD_GZIP} -9 -n -c \"$1\" > \"$2\"" gzip ${PROJECT_SOURCE_DIR}/man/${page} ${out}
    DEPENDS ${PROJECT_SOURCE_DIR}/man/${page} VERBATIM)
  list(APPEND concord_man_out ${out})
  string(REGEX REPLACE ".*\\." "" section ${page})
  install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT data)
endforeach()
add_custom_target(concord_man ALL DEPENDS ${concord_man_out})

install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT data)
file(GLOB concord_docs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${concord_docs} DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT data)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/adr DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT data)
# Debian's place for the licence: /usr/share/doc/PACKAGE/copyright.
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright COMPONENT data)

install(PROGRAMS ${PROJECT_SOURCE_DIR}/packaging/concord-backup DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT service)
# Absolute on purpose: Debian's paths, whatever the prefix (/lib is /usr/lib on Debian 12).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/concord.service DESTINATION /lib/systemd/system COMPONENT service)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/concord.env DESTINATION /etc/concord
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT service)

# ---- CPack: the Debian package ----------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME concord)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "concord maintainers <concord@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "rules-of-procedure engine and secretariat server")
# The extended description (CPack puts the summary above it and indents it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "concord derives from a charter (members, bodies, decision rules) and a record
of sessions, attendance, drafts and positions what a multilateral body adopted,
for whom it is binding and why, citing the charter clause behind every step.
It keeps the record in a hash-chained, Ed25519-signed journal (SQLite or
PostgreSQL) and serves it with a web application (concord.service).")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # Depends from the binary's libraries (dpkg-shlibdeps)
# adduser for the system user, deb-systemd-helper (init-system-helpers) in the maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers")
# sqlite3: concord-backup's online backup of an SQLite store; pg_dump for PostgreSQL stores.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/deb/conffiles ${PROJECT_SOURCE_DIR}/packaging/deb/postinst
    ${PROJECT_SOURCE_DIR}/packaging/deb/prerm ${PROJECT_SOURCE_DIR}/packaging/deb/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/packages)
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
include(CPack)
