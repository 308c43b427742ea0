// The report page: one self-contained HTML file (styles, script and the
// profile inline, nothing fetched) that draws a Tessel profile.
#ifndef TESSEL_TOOLS_TESSELREPORT_REPORTPAGE_HPP
#define TESSEL_TOOLS_TESSELREPORT_REPORTPAGE_HPP

#include <string>

namespace tessel::report {

/// The page for `profileJson` (the text of a profile.json), with `title`.
std::string reportPage(const std::string &profileJson,
                       const std::string &title);

} // namespace tessel::report

#endif
