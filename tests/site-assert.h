/* site-assert.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests (test-site-store.c, fuzz/fuzz-keyfile.c): two sites hold the same
 * settings, field by field, so a new field is checked everywhere at once.
 */
#pragma once

#include "ferry-site.h"

static inline void
assert_same_site (FerrySite *a,
                  FerrySite *b)
{
  g_assert_cmpstr (ferry_site_get_id (a), ==, ferry_site_get_id (b));
  g_assert_cmpstr (ferry_site_get_name (a), ==, ferry_site_get_name (b));
  g_assert_cmpstr (ferry_site_get_folder (a), ==, ferry_site_get_folder (b));
  g_assert_cmpstr (ferry_site_get_host (a), ==, ferry_site_get_host (b));
  g_assert_cmpuint (ferry_site_get_port (a), ==, ferry_site_get_port (b));
  g_assert_cmpint (ferry_site_get_logon_type (a), ==, ferry_site_get_logon_type (b));
  g_assert_cmpstr (ferry_site_get_user (a), ==, ferry_site_get_user (b));
  g_assert_cmpint (ferry_site_get_security (a), ==, ferry_site_get_security (b));
  g_assert_cmpint (ferry_site_get_data_protection (a), ==, ferry_site_get_data_protection (b));
  g_assert_cmpint (ferry_site_get_transfer_mode (a), ==, ferry_site_get_transfer_mode (b));
  g_assert_cmpint (ferry_site_get_use_ccc (a), ==, ferry_site_get_use_ccc (b));
  g_assert_cmpint (ferry_site_get_min_tls (a), ==, ferry_site_get_min_tls (b));
  g_assert_cmpstr (ferry_site_get_remote_dir (a), ==, ferry_site_get_remote_dir (b));
  g_assert_cmpstr (ferry_site_get_local_dir (a), ==, ferry_site_get_local_dir (b));
  g_assert_cmpstr (ferry_site_get_charset (a), ==, ferry_site_get_charset (b));
  g_assert_cmpint (ferry_site_get_timezone_offset (a), ==, ferry_site_get_timezone_offset (b));
  g_assert_cmpint (ferry_site_get_server_type (a), ==, ferry_site_get_server_type (b));
  g_assert_cmpstr (ferry_site_get_comments (a), ==, ferry_site_get_comments (b));
  g_assert_cmpuint (ferry_site_get_parallel_transfers (a), ==,
                    ferry_site_get_parallel_transfers (b));
}
