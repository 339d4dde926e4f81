#ifndef SG_REPORT_ASSETS_H
#define SG_REPORT_ASSETS_H

/* The report page's stylesheet and script (src/output/report/), embedded
 * at build time by cmake/embed-report.cmake, with the "sha256-..." source
 * expression of each for the page's Content-Security-Policy. The arrays
 * hold `len` bytes and a NUL. */

#include <stddef.h>

extern const char sg_report_css[];
extern const size_t sg_report_css_len;
extern const char sg_report_css_sha256[];
extern const char sg_report_js[];
extern const size_t sg_report_js_len;
extern const char sg_report_js_sha256[];

#endif
