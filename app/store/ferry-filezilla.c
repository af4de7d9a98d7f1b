/* ferry-filezilla.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sitemanager.xml: <FileZilla3><Servers> holds <Server> elements and nested
 * <Folder expanded="0|1">NAME …</Folder> elements. A <Server> has one child
 * element per setting (Host, Port, Protocol, User, Pass, Logontype, PasvMode,
 * Type, EncodingType, CustomEncoding, TimezoneOffset, MaximumMultipleConnections,
 * Name, Comments, LocalDir, RemoteDir, …); old files give the name as the
 * element's own text. See FTPS-NOTES.md.
 */
#define G_LOG_DOMAIN "ferry-filezilla"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ferry-error.h"
#include "ferry-filezilla-private.h"
#include "ferry-filezilla.h"
#include "ferry-keyring.h"
#include "ferry-reply.h"

/* How much of GMarkup's message about a broken file an error quotes. */
#define MARKUP_ERROR_CHARS 200
/* Elements nested deeper than the folders allow are refused too. */
#define MAX_ELEMENT_DEPTH (FERRY_FILEZILLA_MAX_FOLDER_DEPTH + 8)
/* FileZilla cannot hold '/' in a folder name of ours: U+2215 DIVISION SLASH. */
#define SLASH_LOOKALIKE "\342\210\225"

/* Parsing -------------------------------------------------------------------- */

typedef struct _Folder Folder;

struct _Folder
{
  Folder *parent;
  GString *name;
  char *path;        /* resolved once the whole file is read */
};

typedef struct
{
  Folder *folder;        /* NULL at the top */
  GHashTable *fields;    /* element name → text */
  char *pass_encoding;
  GString *text;         /* the element's own text: the name in old files */
} Server;

typedef struct
{
  gboolean seen_root;
  gboolean seen_servers;
  guint depth;           /* of the element being read */
  guint ignore_depth;    /* > 0: inside an element that is skipped */
  guint servers_depth;   /* > 0: inside <Servers> at this depth */
  GPtrArray *folders;    /* Folder, owned */
  GPtrArray *folder_stack;
  GPtrArray *servers;    /* Server, owned */
  Server *server;        /* being read */
  guint server_depth;
  char *field;           /* the Server child being read */
  GString *field_text;
} Parser;

static void
folder_free (gpointer data)
{
  Folder *folder = data;

  g_string_free (folder->name, TRUE);
  g_free (folder->path);
  g_free (folder);
}

static void
server_free (gpointer data)
{
  Server *server = data;
  char *pass = g_hash_table_lookup (server->fields, "Pass");

  if (pass != NULL)
    explicit_bzero (pass, strlen (pass));
  g_hash_table_unref (server->fields);
  g_free (server->pass_encoding);
  g_string_free (server->text, TRUE);
  g_free (server);
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->folders, g_ptr_array_unref);
  g_clear_pointer (&parser->folder_stack, g_ptr_array_unref);
  g_clear_pointer (&parser->servers, g_ptr_array_unref);
  g_clear_pointer (&parser->field, g_free);
  if (parser->field_text != NULL)
    {
      explicit_bzero (parser->field_text->str, parser->field_text->len);
      g_string_free (parser->field_text, TRUE);
      parser->field_text = NULL;
    }
}

static void
start_element (GMarkupParseContext *context,
               const char          *element,
               const char         **attribute_names,
               const char         **attribute_values,
               gpointer             user_data,
               GError             **error)
{
  Parser *parser = user_data;

  parser->depth++;
  if (parser->depth > MAX_ELEMENT_DEPTH)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("elements are nested more than %u levels deep"), MAX_ELEMENT_DEPTH);
      return;
    }
  if (parser->ignore_depth > 0)
    return;

  if (parser->depth == 1)
    {
      if (strcmp (element, "FileZilla3") != 0)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("it is not a FileZilla file (it begins with <%s>, not <FileZilla3>)"),
                       element);
          return;
        }
      parser->seen_root = TRUE;
      return;
    }

  if (parser->server != NULL)
    {
      if (parser->depth == parser->server_depth + 1)
        {
          g_free (parser->field);
          parser->field = g_strdup (element);
          g_string_truncate (parser->field_text, 0);
          if (strcmp (element, "Pass") == 0)
            {
              const char *encoding = NULL;

              /* Other attributes (crypt's "pubkey") are fine. */
              for (guint i = 0; attribute_names[i] != NULL; i++)
                if (strcmp (attribute_names[i], "encoding") == 0)
                  encoding = attribute_values[i];
              g_free (parser->server->pass_encoding);
              parser->server->pass_encoding = g_strdup (encoding);
            }
        }
      else
        parser->ignore_depth = parser->depth;
      return;
    }

  if (parser->servers_depth == 0)
    {
      if (parser->depth == 2 && strcmp (element, "Servers") == 0)
        {
          parser->servers_depth = parser->depth;
          parser->seen_servers = TRUE;
        }
      else
        parser->ignore_depth = parser->depth;
      return;
    }

  if (strcmp (element, "Folder") == 0)
    {
      Folder *folder;

      if (parser->folder_stack->len >= FERRY_FILEZILLA_MAX_FOLDER_DEPTH)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("folders are nested more than %u levels deep"),
                       FERRY_FILEZILLA_MAX_FOLDER_DEPTH);
          return;
        }
      folder = g_new0 (Folder, 1);
      folder->name = g_string_new (NULL);
      if (parser->folder_stack->len > 0)
        folder->parent = g_ptr_array_index (parser->folder_stack,
                                            parser->folder_stack->len - 1);
      g_ptr_array_add (parser->folders, folder);
      g_ptr_array_add (parser->folder_stack, folder);
    }
  else if (strcmp (element, "Server") == 0)
    {
      Server *server = g_new0 (Server, 1);

      server->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      server->text = g_string_new (NULL);
      if (parser->folder_stack->len > 0)
        server->folder = g_ptr_array_index (parser->folder_stack,
                                            parser->folder_stack->len - 1);
      parser->server = server;
      parser->server_depth = parser->depth;
      g_ptr_array_add (parser->servers, server);
    }
  else
    parser->ignore_depth = parser->depth;
}

static void
end_element (GMarkupParseContext *context,
             const char          *element,
             gpointer             user_data,
             GError             **error)
{
  Parser *parser = user_data;
  guint depth = parser->depth--;

  if (parser->ignore_depth > 0)
    {
      if (depth == parser->ignore_depth)
        parser->ignore_depth = 0;
      return;
    }

  if (parser->server != NULL)
    {
      if (depth == parser->server_depth)
        parser->server = NULL;
      else if (depth == parser->server_depth + 1 && parser->field != NULL)
        {
          g_hash_table_replace (parser->server->fields, g_steal_pointer (&parser->field),
                                g_strdup (parser->field_text->str));
          explicit_bzero (parser->field_text->str, parser->field_text->len);
          g_string_truncate (parser->field_text, 0);
        }
      return;
    }

  if (depth == parser->servers_depth)
    parser->servers_depth = 0;
  else if (strcmp (element, "Folder") == 0 && parser->folder_stack->len > 0)
    g_ptr_array_set_size (parser->folder_stack, parser->folder_stack->len - 1);
}

static void
text (GMarkupParseContext *context,
      const char          *text,
      gsize                text_len,
      gpointer             user_data,
      GError             **error)
{
  Parser *parser = user_data;

  if (parser->ignore_depth > 0)
    return;
  if (parser->server != NULL)
    {
      if (parser->depth == parser->server_depth + 1 && parser->field != NULL)
        g_string_append_len (parser->field_text, text, text_len);
      else if (parser->depth == parser->server_depth)
        g_string_append_len (parser->server->text, text, text_len);
      return;
    }
  if (parser->servers_depth > 0 && parser->folder_stack->len > 0
      && g_strcmp0 (g_markup_parse_context_get_element (context), "Folder") == 0)
    {
      Folder *folder = g_ptr_array_index (parser->folder_stack, parser->folder_stack->len - 1);

      g_string_append_len (folder->name, text, text_len);
    }
}

static const GMarkupParser markup_parser = {
  .start_element = start_element,
  .end_element = end_element,
  .text = text,
};

/* Turning FileZilla's settings into sites ----------------------------------- */

/* Stripped after the control characters became spaces, so that none is left
 * at either end. */
static char *
clean_name (const char *text)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *c = text ? text : ""; *c; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (ch == '/')
        g_string_append (out, SLASH_LOOKALIKE);
      else if (g_unichar_iscntrl (ch))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, ch);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

static const char *
folder_path (Folder *folder)
{
  if (folder == NULL)
    return "";
  if (folder->path == NULL)
    {
      g_autofree char *name = clean_name (folder->name->str);

      if (*name == '\0')
        {
          g_free (name);
          name = g_strdup (_("Unnamed folder"));
        }
      if (folder->parent == NULL)
        folder->path = g_steal_pointer (&name);
      else
        folder->path = g_strconcat (folder_path (folder->parent), "/", name, NULL);
    }
  return folder->path;
}

static const char *
field (Server     *server,
       const char *name)
{
  return g_hash_table_lookup (server->fields, name);
}

/* An integer field; FALSE when present but not a number in [@min, @max]. */
static gboolean
field_int (Server     *server,
           const char *name,
           gint64      min,
           gint64      max,
           gint64      fallback,
           gint64     *out)
{
  g_autofree char *text = g_strstrip (g_strdup (field (server, name) ? field (server, name) : ""));

  *out = fallback;
  if (*text == '\0')
    return TRUE;
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

static gboolean
host_is_valid (const char *host)
{
  for (const char *c = host; *c; c++)
    if (g_ascii_isspace (*c) || (guchar) *c < 0x20 || *c == '/' || *c == '@')
      return FALSE;
  return TRUE;
}

static gboolean
charset_is_valid (const char *charset)
{
  if (*charset == '\0' || strlen (charset) > 64)
    return FALSE;
  for (const char *c = charset; *c; c++)
    if (!g_ascii_isalnum (*c) && strchr ("-_.:()", *c) == NULL)
      return FALSE;
  return TRUE;
}

/* Reads the password of @server; NULL when there is none, *@unreadable when
 * it exists but cannot be read (master password, not text). */
static char *
read_password (Server     *server,
               gboolean   *out_crypt,
               gboolean   *out_unreadable)
{
  const char *pass = field (server, "Pass");
  const char *encoding = server->pass_encoding;

  *out_crypt = FALSE;
  *out_unreadable = FALSE;
  if (pass == NULL || *pass == '\0')
    return NULL;

  if (encoding == NULL || *encoding == '\0' || g_ascii_strcasecmp (encoding, "plain") == 0)
    return g_strdup (pass);

  if (g_ascii_strcasecmp (encoding, "base64") == 0)
    {
      gsize length = 0;
      guchar *decoded;

      for (const char *c = pass; *c; c++)
        if (!g_ascii_isalnum (*c) && strchr ("+/=\r\n\t ", *c) == NULL)
          {
            *out_unreadable = TRUE;
            return NULL;
          }
      decoded = g_base64_decode (pass, &length);
      if (decoded == NULL || length == 0 || memchr (decoded, '\0', length) != NULL
          || !g_utf8_validate ((const char *) decoded, length, NULL))
        {
          if (decoded != NULL)
            explicit_bzero (decoded, length);
          g_free (decoded);
          *out_unreadable = TRUE;
          return NULL;
        }
      {
        char *password = g_strndup ((const char *) decoded, length);

        explicit_bzero (decoded, length);
        g_free (decoded);
        return password;
      }
    }

  if (g_ascii_strcasecmp (encoding, "crypt") == 0)
    *out_crypt = TRUE;
  *out_unreadable = TRUE;
  return NULL;
}

static void
convert_server (FerryImportReport *report,
                Server            *server)
{
  g_autoptr (FerrySite) site = NULL;
  g_autofree char *host = g_strstrip (g_strdup (field (server, "Host") ? field (server, "Host")
                                                                        : ""));
  g_autofree char *name = NULL;
  g_autofree char *user = g_strdup (field (server, "User") ? field (server, "User") : "");
  const char *folder = folder_path (server->folder);
  const char *text;
  gint64 protocol, port, logon, offset, fz_type, connections;
  gboolean has_logon = field (server, "Logontype") != NULL;
  gboolean crypt = FALSE, unreadable = FALSE;
  char *password = NULL;

  name = clean_name (field (server, "Name") ? field (server, "Name") : server->text->str);
  if (*name == '\0')
    {
      g_free (name);
      name = clean_name (*host ? host : _("Unnamed site"));
    }

  if (!field_int (server, "Protocol", 0, G_MAXINT, FZ_FTP, &protocol))
    {
      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_OTHER_PROTOCOL,
                                       _("Its protocol is not one Ferry knows."));
      return;
    }
  if (protocol == FZ_SFTP)
    {
      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_SFTP,
                                       _("It is an SFTP site; Ferry speaks FTP and FTPS only."));
      return;
    }
  if (protocol != FZ_FTP && protocol != FZ_FTPS && protocol != FZ_FTPES
      && protocol != FZ_INSECURE_FTP)
    {
      g_autofree char *why = g_strdup_printf (_("It uses FileZilla's protocol number %d, which is "
                                                "not FTP; Ferry speaks FTP and FTPS only."),
                                              (int) protocol);

      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_OTHER_PROTOCOL,
                                       why);
      return;
    }
  if (*host == '\0')
    {
      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_NO_HOST,
                                       _("It has no host name."));
      return;
    }
  if (!host_is_valid (host))
    {
      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_INVALID,
                                       _("Its host name is not valid."));
      return;
    }
  if (!field_int (server, "Port", 0, G_MAXUINT16, 0, &port))
    {
      /* Quoted as escapes: the note is one line of the import report. */
      g_autofree char *typed = g_strstrip (g_strdup (field (server, "Port")));
      g_autofree char *quoted = ferry_sanitize_for_display (typed, strlen (typed), 20);
      g_autofree char *why = g_strdup_printf (_("Its port “%s” is not a number from 1 to 65535."),
                                              quoted);

      ferry_import_report_add_skipped (report, name, folder, FERRY_IMPORT_SKIP_INVALID, why);
      return;
    }

  site = ferry_site_new ();
  ferry_site_set_name (site, name);
  ferry_site_set_folder (site, folder);
  ferry_site_set_host (site, host);
  ferry_site_set_port (site, port);
  switch (protocol)
    {
    case FZ_FTPS:
      ferry_site_set_security (site, FERRY_SECURITY_IMPLICIT);
      break;
    case FZ_FTPES:
      ferry_site_set_security (site, FERRY_SECURITY_EXPLICIT);
      break;
    case FZ_INSECURE_FTP:
      ferry_site_set_security (site, FERRY_SECURITY_PLAIN);
      break;
    default:
      ferry_site_set_security (site, FERRY_SECURITY_EXPLICIT_IF_AVAILABLE);
      break;
    }
  ferry_import_report_add_site (report, site, name);

  if (!field_int (server, "Logontype", 0, G_MAXINT, FZ_LOGON_NORMAL, &logon))
    logon = -1;
  if (!has_logon && (*user == '\0' || g_ascii_strcasecmp (user, "anonymous") == 0))
    logon = FZ_LOGON_ANONYMOUS;

  password = read_password (server, &crypt, &unreadable);
  switch (logon)
    {
    case FZ_LOGON_ANONYMOUS:
      ferry_site_set_logon_type (site, FERRY_LOGON_ANONYMOUS);
      ferry_site_set_user (site, "");
      g_clear_pointer (&password, ferry_password_free);
      crypt = unreadable = FALSE;
      break;

    case FZ_LOGON_NORMAL:
    case FZ_LOGON_ACCOUNT:
      ferry_site_set_logon_type (site, FERRY_LOGON_NORMAL);
      ferry_site_set_user (site, user);
      if (logon == FZ_LOGON_ACCOUNT)
        ferry_import_report_add_note (report, ferry_site_get_id (site),
                                      _("Its FTP account (ACCT) setting was not imported."));
      break;

    case FZ_LOGON_ASK:
    case FZ_LOGON_INTERACTIVE:
      ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
      ferry_site_set_user (site, user);
      g_clear_pointer (&password, ferry_password_free);
      crypt = unreadable = FALSE;
      break;

    default:
      ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
      ferry_site_set_user (site, user);
      g_clear_pointer (&password, ferry_password_free);
      crypt = unreadable = FALSE;
      ferry_import_report_add_note (report, ferry_site_get_id (site),
                                    _("Its logon type is not one Ferry knows; Ferry will ask for "
                                      "the password when connecting."));
      break;
    }

  if (password != NULL)
    {
      ferry_import_report_take_password (report, ferry_site_get_id (site), password);
      ferry_import_report_set_password_state (report, ferry_site_get_id (site),
                                              FERRY_IMPORT_PASSWORD_PENDING);
    }
  else if (crypt || unreadable)
    {
      ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
      ferry_import_report_set_password_state (report, ferry_site_get_id (site),
                                              FERRY_IMPORT_PASSWORD_ASK);
      ferry_import_report_add_note (report, ferry_site_get_id (site),
                                    crypt ? _("Its password is protected by FileZilla's master "
                                              "password, which Ferry cannot read; Ferry will ask "
                                              "for it when connecting.")
                                          : _("Its password could not be read; Ferry will ask "
                                              "for it when connecting."));
    }
  else if (ferry_site_get_logon_type (site) == FERRY_LOGON_NORMAL)
    {
      ferry_site_set_logon_type (site, FERRY_LOGON_ASK);
      ferry_import_report_add_note (report, ferry_site_get_id (site),
                                    _("No password was saved in FileZilla; Ferry will ask for it "
                                      "when connecting."));
    }

  text = field (server, "PasvMode");
  ferry_site_set_transfer_mode (site, g_strcmp0 (text, "MODE_ACTIVE") == 0
                                        ? FERRY_TRANSFER_MODE_ACTIVE
                                        : FERRY_TRANSFER_MODE_PASSIVE);

  text = field (server, "EncodingType");
  if (text != NULL && g_ascii_strcasecmp (text, "UTF-8") == 0)
    ferry_site_set_charset (site, "UTF-8");
  else if (text != NULL && g_ascii_strcasecmp (text, "Custom") == 0)
    {
      g_autofree char *custom = g_strstrip (g_strdup (field (server, "CustomEncoding")
                                                        ? field (server, "CustomEncoding") : ""));

      if (charset_is_valid (custom))
        ferry_site_set_charset (site, custom);
      else
        ferry_import_report_add_note (report, ferry_site_get_id (site),
                                      _("Its character set is not valid; Ferry detects it "
                                        "instead."));
    }

  if (field_int (server, "TimezoneOffset", -FERRY_SITE_MAX_TIMEZONE_OFFSET,
                 FERRY_SITE_MAX_TIMEZONE_OFFSET, 0, &offset))
    ferry_site_set_timezone_offset (site, offset);
  else
    ferry_import_report_add_note (report, ferry_site_get_id (site),
                                  _("Its time-zone offset is not valid and was left out."));

  if (field_int (server, "Type", 0, FZ_PATH_N_TYPES - 1, FZ_PATH_DEFAULT, &fz_type))
    ferry_site_set_server_type (site, ferry_filezilla_server_type_from_fz ((int) fz_type));
  else
    ferry_import_report_add_note (report, ferry_site_get_id (site),
                                  _("Its server type is not one Ferry knows; Ferry reads its "
                                    "listings in every format it knows."));

  if (field_int (server, "MaximumMultipleConnections", 0, G_MAXINT, 0, &connections))
    ferry_site_set_parallel_transfers (site, MIN (connections,
                                                  FERRY_SITE_MAX_PARALLEL_TRANSFERS));

  if (field (server, "Comments") != NULL)
    ferry_site_set_comments (site, field (server, "Comments"));
  if (field (server, "LocalDir") != NULL)
    ferry_site_set_local_dir (site, field (server, "LocalDir"));

  text = field (server, "RemoteDir");
  if (text != NULL && *text != '\0')
    {
      g_autofree char *remote = ferry_filezilla_remote_dir_decode (text);

      if (remote != NULL)
        ferry_site_set_remote_dir (site, remote);
      else
        ferry_import_report_add_note (report, ferry_site_get_id (site),
                                      _("Its remote folder is in a form Ferry cannot read and "
                                        "was left out."));
    }
}

FerryImportReport *
ferry_filezilla_parse (const char *data,
                       gssize      length,
                       GError    **error)
{
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (FerryImportReport) report = NULL;
  g_autoptr (GError) local_error = NULL;
  Parser parser = { 0 };
  const char *bad = NULL;

  if (length < 0)
    length = strlen (data);

  if ((gsize) length > FERRY_FILEZILLA_MAX_SIZE)
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The file is larger than %u MiB, too large for a FileZilla site list; "
                     "nothing was imported."), FERRY_FILEZILLA_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, length, &bad))
    {
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The file is not UTF-8 text (invalid bytes at offset %ld), so it is not a "
                     "FileZilla site list; nothing was imported."), (long) (bad - data));
      return NULL;
    }

  parser.folders = g_ptr_array_new_with_free_func (folder_free);
  parser.folder_stack = g_ptr_array_new ();
  parser.servers = g_ptr_array_new_with_free_func (server_free);
  parser.field_text = g_string_new (NULL);

  context = g_markup_parse_context_new (&markup_parser, G_MARKUP_PREFIX_ERROR_POSITION,
                                        &parser, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      /* GMarkup quotes the file, control characters and (GLib 2.74) a single
       * byte of a UTF-8 character included: shown as escapes. */
      g_autofree char *reason = ferry_sanitize_for_display (local_error->message,
                                                            strlen (local_error->message),
                                                            MARKUP_ERROR_CHARS);

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                   _("The file is not a FileZilla site list: %s. Nothing was imported."),
                   reason);
      parser_clear (&parser);
      return NULL;
    }
  if (!parser.seen_root)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("The file is empty, not a FileZilla site list. Nothing was "
                             "imported."));
      parser_clear (&parser);
      return NULL;
    }
  if (!parser.seen_servers)
    {
      g_set_error_literal (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                           _("The FileZilla file holds no site list (no <Servers>); export the "
                             "sites from FileZilla's Site Manager, or use its sitemanager.xml. "
                             "Nothing was imported."));
      parser_clear (&parser);
      return NULL;
    }

  report = ferry_import_report_new ("FileZilla");
  for (guint i = 0; i < parser.folders->len; i++)
    ferry_import_report_add_folder (report, folder_path (g_ptr_array_index (parser.folders, i)));
  for (guint i = 0; i < parser.servers->len; i++)
    convert_server (report, g_ptr_array_index (parser.servers, i));

  parser_clear (&parser);
  return g_steal_pointer (&report);
}

FerryImportReport *
ferry_filezilla_read_file (const char *path,
                           GError    **error)
{
  g_autoptr (GByteArray) bytes = NULL;
  FerryImportReport *report;
  GStatBuf st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not open %s: %s."), path,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("%s is not a file."), path);
      return NULL;
    }

  bytes = g_byte_array_new ();
  for (;;)
    {
      guint8 buffer[16384];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL, _("Could not read %s: %s."), path,
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > FERRY_FILEZILLA_MAX_SIZE)
        {
          close (fd);
          g_set_error (error, FERRY_ERROR, FERRY_ERROR_LOCAL,
                       _("%s is larger than %u MiB, too large for a FileZilla site list; nothing "
                         "was imported."), path, FERRY_FILEZILLA_MAX_SIZE / (1024 * 1024));
          return NULL;
        }
    }
  close (fd);

  report = ferry_filezilla_parse ((const char *) bytes->data, bytes->len, error);
  explicit_bzero (bytes->data, bytes->len);
  return report;
}
