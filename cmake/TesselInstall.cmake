# Installs the SDK: public headers, the poplar and poplibs shared libraries,
# tools, and a CMake package so users can `find_package(Tessel)` and link
# `Tessel::poplar`, `Tessel::popops`, ...
include(CMakePackageConfigHelpers)

install(DIRECTORY ${TESSEL_INCLUDE_DIR}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tessel_public_headers poplar ${TESSEL_POPLIBS_LIBRARIES}
  EXPORT TesselTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT TesselTargets NAMESPACE Tessel::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessel)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/TesselConfig.cmake.in
  ${CMAKE_BINARY_DIR}/TesselConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessel)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/TesselConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/TesselConfig.cmake
              ${CMAKE_BINARY_DIR}/TesselConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Tessel)
