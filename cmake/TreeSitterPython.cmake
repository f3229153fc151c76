# tree-sitter-python comes from the npm registry at configure time and is
# cached in the build directory; it is never committed. 0.23.x is ABI 14,
# the newest Debian's libtree-sitter 0.20.7 can load (0.25 is ABI 15).
if(TFMS_TS_PYTHON_DIR)
  set(_tsp_dir ${TFMS_TS_PYTHON_DIR})
else()
  set(_tsp_dir ${CMAKE_BINARY_DIR}/_deps/tree-sitter-python-${TFMS_TS_PYTHON_VERSION}/package)
  if(NOT EXISTS ${_tsp_dir}/src/parser.c)
    find_program(NPM npm)
    if(NOT NPM)
      message(FATAL_ERROR "npm is needed to fetch tree-sitter-python@${TFMS_TS_PYTHON_VERSION}; "
        "install it, or pass -DTFMS_TS_PYTHON_DIR=<unpacked package>")
    endif()
    set(_tsp_dl ${CMAKE_BINARY_DIR}/_deps/tree-sitter-python-${TFMS_TS_PYTHON_VERSION})
    file(MAKE_DIRECTORY ${_tsp_dl})
    message(STATUS "Fetching tree-sitter-python@${TFMS_TS_PYTHON_VERSION} from the npm registry")
    execute_process(
      COMMAND ${NPM} pack tree-sitter-python@${TFMS_TS_PYTHON_VERSION} --silent
      WORKING_DIRECTORY ${_tsp_dl}
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _tarball ERROR_VARIABLE _err
      OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "npm pack tree-sitter-python@${TFMS_TS_PYTHON_VERSION} failed: ${_err}")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${_tarball}
      WORKING_DIRECTORY ${_tsp_dl} RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0 OR NOT EXISTS ${_tsp_dir}/src/parser.c)
      message(FATAL_ERROR "cannot unpack ${_tsp_dl}/${_tarball}")
    endif()
  endif()
endif()

set(TFMS_TS_PYTHON_SRC_DIR ${_tsp_dir}/src)
if(NOT EXISTS ${TFMS_TS_PYTHON_SRC_DIR}/parser.c OR NOT EXISTS ${TFMS_TS_PYTHON_SRC_DIR}/scanner.c)
  message(FATAL_ERROR "${TFMS_TS_PYTHON_SRC_DIR} lacks parser.c or scanner.c")
endif()
file(STRINGS ${TFMS_TS_PYTHON_SRC_DIR}/parser.c _abi REGEX "^#define LANGUAGE_VERSION ")
string(REGEX MATCH "[0-9]+" _abi "${_abi}")
if(_abi GREATER 14)
  message(FATAL_ERROR "tree-sitter-python in ${_tsp_dir} has ABI ${_abi}; "
    "libtree-sitter 0.20.7 loads ABI 13-14 (use 0.23.x)")
endif()
set(TFMS_TS_PYTHON_SOURCES ${TFMS_TS_PYTHON_SRC_DIR}/parser.c ${TFMS_TS_PYTHON_SRC_DIR}/scanner.c)
