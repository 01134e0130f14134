# Every dependency comes from Debian's packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h REQUIRED)
add_library(cloudemu_rapidjson INTERFACE)
target_include_directories(cloudemu_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIR})
# Debian's RapidJSON 1.1 warns under GCC 12 (class-memaccess); it is not our code.
target_compile_options(cloudemu_rapidjson INTERFACE -Wno-class-memaccess)

find_path(LMDB_INCLUDE_DIR lmdb.h REQUIRED)
find_library(LMDB_LIBRARY lmdb REQUIRED)
add_library(cloudemu_lmdb INTERFACE)
target_include_directories(cloudemu_lmdb SYSTEM INTERFACE ${LMDB_INCLUDE_DIR})
target_link_libraries(cloudemu_lmdb INTERFACE ${LMDB_LIBRARY})

if(CLOUDEMU_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
