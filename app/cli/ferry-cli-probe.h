/* ferry-cli-probe.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ferry-probe-report.h"

int   ferry_cli_probe_main   (int    argc,
                              char **argv);
/* The plain report, as `ferry-cli probe` prints it on standard output. */
char *ferry_cli_probe_format (const FerryProbeReport *report);
