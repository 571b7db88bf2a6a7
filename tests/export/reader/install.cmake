# ctest fixture "parquet_reader": installs npm's hyparquet from the committed package.json and
# lockfile into the build tree once (npm ci), so every export test can read Parquet with an
# independent reader. A missing node or npm is an error, never a skipped test.
# Usage: cmake -DSRC=<this folder> -DDST=<build folder> -P install.cmake
foreach(f package.json package-lock.json read.mjs)
  configure_file(${SRC}/${f} ${DST}/${f} COPYONLY)
endforeach()
find_program(NODE node)
find_program(NPM npm)
if(NOT NODE OR NOT NPM)
  message(FATAL_ERROR "node and npm are needed by the export tests' Parquet reader "
                      "(install the Debian packages nodejs and npm: scripts/install-deps.sh)")
endif()
file(SHA256 ${DST}/package-lock.json lock_hash)
set(stamp ${DST}/node_modules/.touchstone-lock-sha256)
if(EXISTS ${stamp})
  file(READ ${stamp} have)
  if(have STREQUAL lock_hash)
    message(STATUS "hyparquet already installed in ${DST}")
    return()
  endif()
endif()
execute_process(COMMAND ${NPM} ci --no-audit --no-fund --ignore-scripts
                WORKING_DIRECTORY ${DST} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci failed in ${DST} (exit ${rc}): the export tests need npm's "
                      "hyparquet and hyparquet-compressors")
endif()
file(WRITE ${stamp} ${lock_hash})
