/* ferry-memory-known-servers.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ferry-known-servers.h"

G_BEGIN_DECLS

#define FERRY_TYPE_MEMORY_KNOWN_SERVERS (ferry_memory_known_servers_get_type ())

G_DECLARE_FINAL_TYPE (FerryMemoryKnownServers, ferry_memory_known_servers,
                      FERRY, MEMORY_KNOWN_SERVERS, GObject)

FerryKnownServers *ferry_memory_known_servers_new (void);

G_END_DECLS
