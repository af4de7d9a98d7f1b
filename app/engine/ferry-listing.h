/* ferry-listing.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A remote folder's listing: a GListModel of FerryRemoteFile, and the builder
 * that makes one from the bytes of a LIST or MLSD data connection as they
 * arrive, on the session's worker thread. A finished listing never changes.
 */
#pragma once

#include <gio/gio.h>

#include "ferry-list-parser.h"
#include "ferry-remote-file.h"

G_BEGIN_DECLS

#define FERRY_LISTING_MAX_LINE      8192  /* bytes in one line, line ending excluded */
#define FERRY_LISTING_MAX_WARNINGS  100   /* sentences kept; the rest are only counted */
#define FERRY_LISTING_SERVER_LIMIT  10000 /* pure-ftpd's default, silent limit of entries */
#define FERRY_LISTING_MAX_UNREAD    100   /* unread lines kept; the rest are only counted */
#define FERRY_LISTING_UNREAD_CHARS  240   /* characters kept of each unread line */

#define FERRY_TYPE_LISTING (ferry_listing_get_type ())

G_DECLARE_FINAL_TYPE (FerryListing, ferry_listing, FERRY, LISTING, GObject)

const char         *ferry_listing_get_path               (FerryListing *self);
/* Sentences for people, at most FERRY_LISTING_MAX_WARNINGS: lines that were
 * too long or could not be decoded, names that cannot be local names. Lines in
 * no known format are not warnings: they are the unread lines below. */
const char * const *ferry_listing_get_warnings           (FerryListing *self);
/* All warnings, including those not kept. */
guint               ferry_listing_get_n_warnings         (FerryListing *self);
/* The lines no reader could read, as the server sent them (control characters
 * and invalid UTF-8 escaped, cut at FERRY_LISTING_UNREAD_CHARS), at most
 * FERRY_LISTING_MAX_UNREAD, so that "Ferry could not read it" is never shown
 * as an empty folder. NULL-terminated; empty when every line was read. */
const char * const *ferry_listing_get_unread_lines       (FerryListing *self);
/* All unread lines, including those not kept. */
guint               ferry_listing_get_n_unread_lines     (FerryListing *self);
/* TRUE when the listing has exactly FERRY_LISTING_SERVER_LIMIT entries: the
 * server may have cut it without saying so. */
gboolean            ferry_listing_get_possibly_truncated (FerryListing *self);

/**
 * FerryListingBuilder:
 * Splits the bytes of a listing into lines (LF or CRLF; chunk boundaries may
 * fall anywhere), parses each line as it completes and keeps only the entries,
 * so memory stays bounded by the entries and one line. Not thread-safe: one
 * thread pushes and finishes.
 */
typedef struct _FerryListingBuilder FerryListingBuilder;

/* @mlsd: the bytes are an MLSD reply, else LIST. @ctx is copied; its @now
 * (or the time of this call) is used for every line. */
FerryListingBuilder *ferry_listing_builder_new    (const char             *path,
                                                   gboolean                mlsd,
                                                   const FerryListContext *ctx);
void                 ferry_listing_builder_push   (FerryListingBuilder *builder,
                                                   const char          *data,
                                                   gsize                len);
/* Parses what is left, skips "." and "..", frees @builder. */
FerryListing        *ferry_listing_builder_finish (FerryListingBuilder *builder);
/* For a builder that will not be finished (an error, a cancellation). */
void                 ferry_listing_builder_free   (FerryListingBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryListingBuilder, ferry_listing_builder_free)

G_END_DECLS
