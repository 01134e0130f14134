# `cmake --install` lays out headers, libraries, the cloudemu executable, a
# relocatable CMake package (find_package(cloudemu CONFIG): cloudemu::cloudemu
# and, when GoogleTest is found, cloudemu::testing) and a pkg-config file.
# tests/scripts/package_test.sh installs to a temporary prefix and builds
# examples/basic_test against it.
include(CMakePackageConfigHelpers)
set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/cloudemu)

install(TARGETS cloudemu EXPORT cloudemuTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT cloudemuTargets NAMESPACE cloudemu:: DESTINATION ${_cmake_dir})

# The GoogleTest helper is a package of its own within the package, so that
# users without GoogleTest can still find cloudemu::cloudemu.
if(TARGET cloudemu_testing)
  set_target_properties(cloudemu_testing PROPERTIES EXPORT_NAME testing)
  install(TARGETS cloudemu_testing EXPORT cloudemuTestingTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT cloudemuTestingTargets NAMESPACE cloudemu:: DESTINATION ${_cmake_dir})
  install(DIRECTORY include/cloudemu DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
else()
  install(DIRECTORY include/cloudemu DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} PATTERN testing.h EXCLUDE)
endif()

if(TARGET cloudemu_cli)
  file(RELATIVE_PATH _bin_to_lib /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR})
  set_target_properties(cloudemu_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${_bin_to_lib}")
  install(TARGETS cloudemu_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

configure_package_config_file(cmake/cloudemuConfig.cmake.in ${CMAKE_BINARY_DIR}/cloudemuConfig.cmake
                              INSTALL_DESTINATION ${_cmake_dir})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cloudemuConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cloudemuConfig.cmake ${CMAKE_BINARY_DIR}/cloudemuConfigVersion.cmake
        DESTINATION ${_cmake_dir})

# The .pc file finds its prefix from its own location, so the package can be
# installed with any --prefix.
file(RELATIVE_PATH CLOUDEMU_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" CLOUDEMU_PC_TO_PREFIX "${CLOUDEMU_PC_TO_PREFIX}")
configure_file(cmake/cloudemu.pc.in ${CMAKE_BINARY_DIR}/cloudemu.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cloudemu.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
