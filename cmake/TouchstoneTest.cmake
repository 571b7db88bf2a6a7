# One helper registers every test suite: ts_add_test(NAME SOURCES... [LIBS ...] [LABELS ...] [TIMEOUT s]
# [NO_APP]) — NO_APP: the suite does not run the GUI app, so it need not wait for it to build.
# Every suite is a Qt Test executable, runs with the offscreen platform, and is told where the
# shared sample data and the built CLI live through the environment.
get_filename_component(TS_SHARED_DATA "${CMAKE_SOURCE_DIR}/../shared/data" ABSOLUTE)

function(ts_add_test name)
  cmake_parse_arguments(T "NO_APP" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES} ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES
    TIMEOUT ${T_TIMEOUT}
    LABELS "${T_LABELS}"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TS_SHARED_DATA=${TS_SHARED_DATA};TS_CLI=$<TARGET_FILE:touchstone-cli>;TS_APP=$<TARGET_FILE:touchstone>;TS_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  add_dependencies(${name} touchstone-cli)
  if(NOT T_NO_APP)
    add_dependencies(${name} touchstone)
  endif()
endfunction()
