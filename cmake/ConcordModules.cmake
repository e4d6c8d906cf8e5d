# concord_set_warnings(<target>): the project's warning flags, -Werror behind CONCORD_WERROR.
function(concord_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(CONCORD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# concord_add_module(<name> [LINKS deps...]): a static library concord_<name> from every *.cc in
# the calling folder except main.cc. Until a module has sources it is an empty interface target,
# so the build graph stays whole while modules are being written.
function(concord_add_module name)
  cmake_parse_arguments(ARG "" "" "LINKS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER sources EXCLUDE REGEX ".*/main\\.cc$")
  if(sources)
    add_library(concord_${name} STATIC ${sources})
    # Each module exposes its own headers alone, as "<name>/header.h", through a folder holding
    # one link to it; a module sees the headers of the modules it links and of none above it, so
    # the compiler refuses an include against the layers (tools/check_layering.sh says why).
    set(layer ${CMAKE_BINARY_DIR}/layers/${name})
    file(MAKE_DIRECTORY ${layer})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${layer}/${name} SYMBOLIC)
    target_include_directories(concord_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${layer})
    target_link_libraries(concord_${name} PUBLIC ${ARG_LINKS})
    concord_set_warnings(concord_${name})
  else()
    add_library(concord_${name} INTERFACE)
    target_link_libraries(concord_${name} INTERFACE ${ARG_LINKS})
  endif()
endfunction()
