/* ferry-cli-mv.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int ferry_cli_mv_main (int    argc,
                       char **argv);
