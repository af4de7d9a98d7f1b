/* ferry-cli-json.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ferry-certificate.h"
#include "ferry-probe-report.h"

G_BEGIN_DECLS

JsonNode *ferry_cli_json_probe       (const FerryProbeReport *report,
                                      int                     exit_code);
char     *ferry_cli_json_to_string   (JsonNode *node);

G_END_DECLS
