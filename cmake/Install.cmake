# `cmake --install` lays out headers, libraries, the cloudemu executable, a
# CMake package (find_package(cloudemu CONFIG)) and a pkg-config file.
include(CMakePackageConfigHelpers)
set(_targets cloudemu)
if(TARGET cloudemu_testing)
  list(APPEND _targets cloudemu_testing)
endif()
if(TARGET cloudemu_cli)
  list(APPEND _targets cloudemu_cli)
endif()
install(TARGETS ${_targets} EXPORT cloudemuTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/cloudemu DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT cloudemuTargets NAMESPACE cloudemu:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cloudemu)
configure_package_config_file(cmake/cloudemuConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cloudemuConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cloudemu)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cloudemuConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cloudemuConfig.cmake ${CMAKE_BINARY_DIR}/cloudemuConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/cloudemu)
configure_file(cmake/cloudemu.pc.in ${CMAKE_BINARY_DIR}/cloudemu.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cloudemu.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
