# Helpers shared by every folder's CMakeLists.txt.

# The public headers: the only include path users (and poplibs) see.
add_library(tessel_public_headers INTERFACE)
target_include_directories(tessel_public_headers INTERFACE
  $<BUILD_INTERFACE:${TESSEL_INCLUDE_DIR}>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

set(TESSEL_POPLAR_OBJECT_LIBS "" CACHE INTERNAL "")

# tessel_add_poplar_part(name SOURCES ... [MLIR] [DEPENDS ...])
# Declares an object library that becomes part of libpoplar. MLIR parts see the
# MLIR/LLVM headers; the others see only the public and internal headers.
function(tessel_add_poplar_part name)
  cmake_parse_arguments(ARG "MLIR" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(${name} OBJECT ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC tessel_public_headers)
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}
                                            ${CMAKE_BINARY_DIR})
  target_link_libraries(${name} PRIVATE nlohmann_json::nlohmann_json)
  if(ARG_MLIR)
    target_include_directories(${name} SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS}
                                                     ${MLIR_INCLUDE_DIRS})
  endif()
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  set(TESSEL_POPLAR_OBJECT_LIBS ${TESSEL_POPLAR_OBJECT_LIBS} ${name}
      CACHE INTERNAL "")
endfunction()
