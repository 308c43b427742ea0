# Each probe in PROBES must fail to compile against INCLUDE: it stands for
# an API item Tessel does not provide yet. One that compiles means the item
# arrived; move its probe out of missing/ and update the status table.
set(compiled "")
foreach(probe ${PROBES})
  execute_process(
    COMMAND ${CXX} -std=c++17 -fsyntax-only -I${INCLUDE} ${probe}
    RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
  if(result EQUAL 0)
    list(APPEND compiled ${probe})
  endif()
endforeach()
list(LENGTH PROBES count)
if(count EQUAL 0)
  message(FATAL_ERROR "no probes given")
endif()
if(compiled)
  message(FATAL_ERROR "these missing-item probes now compile; move them to "
                      "tests/api-probes/ and update the API status table: "
                      "${compiled}")
endif()
message(STATUS "${count} missing-item probes still fail to compile")
