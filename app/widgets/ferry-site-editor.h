/* ferry-site-editor.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ferry-known-servers.h"
#include "ferry-site.h"

G_BEGIN_DECLS

#define FERRY_TYPE_SITE_EDITOR (ferry_site_editor_get_type ())

G_DECLARE_FINAL_TYPE (FerrySiteEditor, ferry_site_editor, FERRY, SITE_EDITOR, GtkWidget)

/**
 * FerrySiteEditor:
 * The form that edits every setting of one FerrySite, grouped as General,
 * Security, Transfers, Folders and Comments. Changes go into the site at once
 * (the owner saves the store on "changed"); a new password goes into the
 * keyring when applied, never into a file. "Test Connection" probes the
 * server with the site's settings and shows the findings in place.
 *
 * Signals:
 * - "changed" (): the site was edited; save the store.
 * - "connect" (FerrySite *site): the person pressed Connect.
 * - "prompt" (FerryPrompt *prompt) → gboolean: a question from the connection
 *   test (an untrusted certificate). Return TRUE when a handler will answer
 *   it with ferry_prompt_respond(); when none does, the editor rejects it
 *   and says why.
 */
GtkWidget *ferry_site_editor_new                 (void);
/* @site: (nullable): the site to edit; a running connection test is cancelled. */
void       ferry_site_editor_set_site            (FerrySiteEditor   *self,
                                                  FerrySite         *site);
/* (transfer none) (nullable) */
FerrySite *ferry_site_editor_get_site            (FerrySiteEditor   *self);
/* Where "Detected mode" is read and the test's pins live. By default the
 * file-backed known servers shared with ferry-cli. */
void       ferry_site_editor_set_known_servers   (FerrySiteEditor   *self,
                                                  FerryKnownServers *known_servers);
/* Puts the keyboard focus on the first field to fill in (the host, or the
 * name when the host is filled in). */
void       ferry_site_editor_focus_first_field   (FerrySiteEditor   *self);
/* Saves a typed but not yet applied password in the keyring. */
void       ferry_site_editor_commit_password     (FerrySiteEditor   *self);

G_END_DECLS
