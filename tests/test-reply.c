/* test-reply.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixture tables for the reply assembler, the FEAT, PWD, PASV and EPSV
 * parsers, and which reply codes can answer which command. The FEAT samples
 * were recorded from (or copied from the sources of) the servers named in
 * each row.
 */
#include "config.h"

#include <string.h>

#include "ferry-error.h"
#include "ferry-reply.h"

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) (s), (sizeof (s) - 1)

/* ------------------------------------------------------------------------ */
/* The reply assembler                                                       */

typedef struct
{
  const char *name;
  const char *input; /* lines separated by '\n', as the caller hands them over */
  gsize input_len;
  guint code;        /* 0: the last line is an error */
  const char *text;  /* for an error: a part of the message */
  guint n_lines;
  const char *first_line; /* NULL: not checked */
} ReplyCase;

static const ReplyCase reply_cases[] = {
  { "single line", BYTES ("220 Service ready"), 220, "Service ready", 1, "220 Service ready" },
  { "bare code", BYTES ("226"), 226, "", 1, "226" },
  { "code and space", BYTES ("200 "), 200, "", 1, NULL },
  { "lowest code", BYTES ("100 x"), 100, "x", 1, NULL },
  { "highest code", BYTES ("599 x"), 599, "x", 1, NULL },
  { "multi-line", BYTES ("220-Welcome\n220 Ready"), 220, "Welcome\nReady", 2, "220-Welcome" },
  { "indented lines", BYTES ("211-Features:\n AUTH TLS\n PBSZ\n211 End"),
    211, "Features:\n AUTH TLS\n PBSZ\nEnd", 4, NULL },
  { "other codes inside", BYTES ("150-Opening\n226 not the end\n200 neither\n150 Done"),
    150, "Opening\n226 not the end\n200 neither\nDone", 4, NULL },
  { "code repeated on every line",
    BYTES ("220-Welcome to Pure-FTPd\n220-You are user number 1\n220 Bye in 15 minutes"),
    220, "Welcome to Pure-FTPd\nYou are user number 1\nBye in 15 minutes", 3, NULL },
  { "ends with a bare code", BYTES ("226-Transfer complete\n 12 files\n226"),
    226, "Transfer complete\n 12 files\n", 3, NULL },
  { "ends with code and space", BYTES ("226-a\n226 "), 226, "a\n", 2, NULL },
  { "empty line inside", BYTES ("211-Extensions supported:\n SPSV\n\n211 End."),
    211, "Extensions supported:\n SPSV\n\nEnd.", 4, NULL },
  { "four digits do not end it", BYTES ("226-a\n2260 x\n226 b"), 226, "a\n2260 x\nb", 3, NULL },
  { "other code with space does not end it", BYTES ("230-a\n231 b\n230 c"),
    230, "a\n231 b\nc", 3, NULL },
  { "empty first text", BYTES ("220-\n220 ok"), 220, "\nok", 2, NULL },
  { "garbage inside is text", BYTES ("220-\x01\x02 hello\n220 ok"),
    220, "\x01\x02 hello\nok", 2, NULL },
  { "NUL inside text", BYTES ("220 a\0b"), 220, "ab", 1, "220 ab" },
  { "NUL inside code", BYTES ("2\000" "20 ok"), 220, "ok", 1, "220 ok" },
  { "NUL inside the closing code", BYTES ("226-a\n22\0006 b"), 226, "a\nb", 2, NULL },
  { "invalid UTF-8", BYTES ("220 caf\xe9"), 220, "caf\xef\xbf\xbd", 1, "220 caf\xe9" },
  { "invalid UTF-8 inside", BYTES ("230-\xff\xfe\n230 ok"),
    230, "\xef\xbf\xbd\xef\xbf\xbd\nok", 2, "230-\xff\xfe" },
  { "valid UTF-8 kept", BYTES ("257 \"/Bücher\" created"), 257, "\"/Bücher\" created", 1, NULL },
  { "HTTP server", BYTES ("HTTP/1.1 400 Bad Request"), 0, "“HTTP/1.1 400 Bad Request”", 0, NULL },
  { "SSH server", BYTES ("SSH-2.0-OpenSSH_9.2p1 Debian-2"), 0, "SSH-2.0-OpenSSH_9.2p1", 0, NULL },
  { "TLS record", BYTES ("\x16\x03\x01\x00\xa5\x01"),
    0, "\\x16\\x03\\x01\\x00\\xA5\\x01", 0, NULL },
  { "escape sequence", BYTES ("\x1b[31mred"), 0, "\\x1B[31mred", 0, NULL },
  { "code 000", BYTES ("000 zero"), 0, "000 zero", 0, NULL },
  { "code 600", BYTES ("600 too high"), 0, "600 too high", 0, NULL },
  { "code 099", BYTES ("099 leading zero"), 0, "not an FTP reply", 0, NULL },
  { "two digits", BYTES ("99 short"), 0, "99 short", 0, NULL },
  { "four digits", BYTES ("2200 ok"), 0, "2200 ok", 0, NULL },
  { "letter after code", BYTES ("220x"), 0, "220x", 0, NULL },
  { "empty line", BYTES (""), 0, "“”", 0, NULL },
  { "leading space", BYTES (" 220 ok"), 0, " 220 ok", 0, NULL },
  { "only NUL bytes", BYTES ("\0\0\0"), 0, "\\x00\\x00\\x00", 0, NULL },
  { "long garbage is shortened",
    BYTES ("GET /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.0"),
    0, "aaaa…”", 0, NULL },
};

static void
test_reply_parser_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reply_cases); i++)
    {
      const ReplyCase *c = &reply_cases[i];
      g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
      g_autoptr(FerryReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      const char *p = c->input;
      const char *end = c->input + c->input_len;
      gboolean ok = TRUE;

      g_test_message ("case: %s", c->name);

      for (;;)
        {
          const char *nl = memchr (p, '\n', end - p);
          const char *line_end = nl != NULL ? nl : end;

          g_assert_null (reply);
          ok = ferry_reply_parser_push_line (parser, p, line_end - p, &reply, &error);
          if (nl == NULL)
            break;

          /* Every line but the last leaves the reply open. */
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_null (reply);
          g_assert_true (ferry_reply_parser_is_partial (parser));
          p = nl + 1;
        }

      if (c->code == 0)
        {
          g_assert_false (ok);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_null (reply);
          g_assert_nonnull (strstr (error->message, c->text));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_false (ferry_reply_parser_is_partial (parser));
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_nonnull (reply);
      g_assert_false (ferry_reply_parser_is_partial (parser));
      g_assert_cmpuint (reply->code, ==, c->code);
      g_assert_cmpstr (reply->text, ==, c->text);
      g_assert_true (g_utf8_validate (reply->text, -1, NULL));
      g_assert_cmpuint (g_strv_length (reply->lines), ==, c->n_lines);
      if (c->first_line != NULL)
        g_assert_cmpstr (reply->lines[0], ==, c->first_line);
    }
}

static FerryReply *
push_all (FerryReplyParser *parser,
          const char       *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  FerryReply *reply = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (reply);
      g_assert_true (ferry_reply_parser_push_line (parser, lines[i], strlen (lines[i]), &reply,
                                                   &error));
      g_assert_no_error (error);
    }
  g_assert_nonnull (reply);
  return reply;
}

static void
test_reply_parser_sequence (void)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  g_autoptr(FerryReply) first = NULL;
  g_autoptr(FerryReply) second = NULL;
  g_autoptr(FerryReply) third = NULL;

  first = push_all (parser, "220-Hello\n220 ready");
  second = push_all (parser, "331 Password required");
  third = push_all (parser, "230-Welcome\n230 Logged in");

  g_assert_cmpuint (first->code, ==, 220);
  g_assert_cmpstr (first->text, ==, "Hello\nready");
  g_assert_cmpuint (second->code, ==, 331);
  g_assert_cmpstr (second->text, ==, "Password required");
  g_assert_cmpuint (third->code, ==, 230);
  g_assert_cmpstr (third->text, ==, "Welcome\nLogged in");
  g_assert_false (ferry_reply_parser_is_partial (parser));
}

static void
test_reply_parser_reset (void)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  g_autoptr(FerryReply) reply = NULL;
  g_autoptr(FerryReply) after = NULL;
  g_autoptr(GError) error = NULL;

  /* An explicit reset drops a half-read reply. */
  g_assert_true (ferry_reply_parser_push_line (parser, BYTES ("220-half"), &reply, &error));
  g_assert_no_error (error);
  g_assert_true (ferry_reply_parser_is_partial (parser));
  ferry_reply_parser_reset (parser);
  g_assert_false (ferry_reply_parser_is_partial (parser));

  /* A line that is not a reply after a reset is an error again... */
  g_assert_false (ferry_reply_parser_push_line (parser, BYTES ("half, continued"), &reply,
                                                &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
  g_assert_null (reply);
  g_clear_error (&error);

  /* ...and the parser reads the next reply after the error. */
  after = push_all (parser, "200 OK");
  g_assert_cmpuint (after->code, ==, 200);
  g_assert_cmpstr (after->text, ==, "OK");
}

static void
test_reply_parser_long_line (void)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  g_autoptr(FerryReply) reply = NULL;
  g_autoptr(FerryReply) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_malloc (FERRY_REPLY_MAX_LINE + 2);
  g_autofree char *size = g_strdup_printf ("%d", FERRY_REPLY_MAX_LINE + 1);

  memset (line, 'a', FERRY_REPLY_MAX_LINE + 1);
  memcpy (line, "220 ", 4);
  line[FERRY_REPLY_MAX_LINE + 1] = '\0';

  /* Exactly the limit is accepted. */
  g_assert_true (ferry_reply_parser_push_line (parser, line, FERRY_REPLY_MAX_LINE, &reply,
                                               &error));
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (strlen (reply->text), ==, FERRY_REPLY_MAX_LINE - 4);
  g_clear_pointer (&reply, ferry_reply_free);

  /* One byte more is not, also in the middle of a multi-line reply. */
  g_assert_true (ferry_reply_parser_push_line (parser, BYTES ("220-banner"), &reply, &error));
  g_assert_true (ferry_reply_parser_is_partial (parser));
  line[0] = ' ';
  g_assert_false (ferry_reply_parser_push_line (parser, line, FERRY_REPLY_MAX_LINE + 1, &reply,
                                                &error));
  g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, size));
  g_assert_null (reply);
  g_assert_false (ferry_reply_parser_is_partial (parser));

  after = push_all (parser, "220 again");
  g_assert_cmpstr (after->text, ==, "again");
}

static void
test_reply_parser_large_reply (void)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();
  g_autoptr(FerryReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  char line[1000];
  gsize size = 0;
  guint n_lines = 0;

  memset (line, 'x', sizeof line);
  line[0] = ' ';

  g_assert_true (ferry_reply_parser_push_line (parser, BYTES ("250-listing"), &reply, &error));
  size += strlen ("250-listing") + 1;

  /* Every line fits; the reply grows until it would pass the limit. */
  for (;;)
    {
      gboolean ok = ferry_reply_parser_push_line (parser, line, sizeof line, &reply, &error);

      g_assert_null (reply);
      if (size + sizeof line + 1 > FERRY_REPLY_MAX_SIZE)
        {
          g_assert_false (ok);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          break;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (ferry_reply_parser_is_partial (parser));
      size += sizeof line + 1;
      n_lines++;
    }

  g_assert_cmpuint (n_lines, ==, (FERRY_REPLY_MAX_SIZE - 12) / 1001);
  g_assert_false (ferry_reply_parser_is_partial (parser));
}

static void
test_reply_boxed (void)
{
  g_autoptr(FerryReply) reply = ferry_reply_new (227, "Entering Passive Mode (1,2,3,4,5,6)");
  g_autoptr(FerryReply) multi = ferry_reply_new (211, "Features:\n UTF8\nEnd");
  g_autoptr(FerryReply) copy = NULL;
  FerryReply *boxed;

  g_assert_true (G_TYPE_IS_BOXED (FERRY_TYPE_REPLY));
  g_assert_cmpuint (reply->code, ==, 227);
  g_assert_cmpuint (ferry_reply_class (reply), ==, 2);
  g_assert_cmpstr (reply->text, ==, "Entering Passive Mode (1,2,3,4,5,6)");
  g_assert_cmpuint (g_strv_length (reply->lines), ==, 1);
  g_assert_cmpstr (reply->lines[0], ==, "227 Entering Passive Mode (1,2,3,4,5,6)");

  g_assert_cmpuint (g_strv_length (multi->lines), ==, 3);
  g_assert_cmpstr (multi->lines[0], ==, "211-Features:");
  g_assert_cmpstr (multi->lines[1], ==, " UTF8");
  g_assert_cmpstr (multi->lines[2], ==, "211 End");

  copy = ferry_reply_copy (multi);
  g_assert_true (copy != multi);
  g_assert_true (copy->lines != multi->lines);
  g_assert_cmpuint (copy->code, ==, 211);
  g_assert_cmpstr (copy->text, ==, multi->text);
  g_assert_cmpstrv (copy->lines, multi->lines);

  boxed = g_boxed_copy (FERRY_TYPE_REPLY, reply);
  g_assert_cmpstr (boxed->text, ==, reply->text);
  g_boxed_free (FERRY_TYPE_REPLY, boxed);
}

/* ------------------------------------------------------------------------ */
/* ferry_sanitize_for_display                                                */

typedef struct
{
  const char *data;
  gsize len;
  gsize max_chars;
  const char *expected;
} SanitizeCase;

static const SanitizeCase sanitize_cases[] = {
  { BYTES ("plain text"), 0, "plain text" },
  { BYTES (""), 10, "" },
  { BYTES ("a\x01z"), 0, "a\\x01z" },
  { BYTES ("a\0z"), 0, "a\\x00z" },
  { BYTES ("tab\there"), 0, "tab\\x09here" },
  { BYTES ("caf\xe9"), 0, "caf\\xE9" },
  { BYTES ("café"), 0, "café" },
  { BYTES ("back\\slash"), 0, "back\\\\slash" },
  { BYTES ("rtl\xe2\x80\xaeoverride"), 0, "rtl\\xE2\\x80\\xAEoverride" },
  { BYTES ("abcdef"), 4, "abc…" },
  { BYTES ("abcd"), 4, "abcd" },
  { BYTES ("ab\x01" "cd"), 5, "ab…" },
  { BYTES ("ééééé"), 3, "éé…" },
  { BYTES ("\xff\xff"), 8, "\\xFF\\xFF" },
};

static void
test_sanitize_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sanitize_cases); i++)
    {
      const SanitizeCase *c = &sanitize_cases[i];
      g_autofree char *out = ferry_sanitize_for_display (c->data, c->len, c->max_chars);

      g_test_message ("case %u: %s", i, c->expected);
      g_assert_cmpstr (out, ==, c->expected);
      g_assert_true (g_utf8_validate (out, -1, NULL));
      if (c->max_chars > 0)
        g_assert_cmpuint (g_utf8_strlen (out, -1), <=, c->max_chars);
    }
}

/* ------------------------------------------------------------------------ */
/* FEAT                                                                      */

static FerryReply *
reply_from_text (const char *text)
{
  g_autoptr(FerryReplyParser) parser = ferry_reply_parser_new ();

  return push_all (parser, text);
}

typedef struct
{
  const char *name;
  const char *reply;
  const char *features; /* joined with '|' */
} FeatCase;

static const char feat_vsftpd[] =
  "211-Features:\n AUTH TLS\n EPRT\n EPSV\n MDTM\n PASV\n PBSZ\n PROT\n REST STREAM\n SIZE\n"
  " TVFS\n UTF8\n211 End";
/* vsftpd 3.0.3 with ssl_tlsv1=NO: no "AUTH TLS", although AUTH TLS works. */
static const char feat_vsftpd_no_tls1[] =
  "211-Features:\n EPRT\n EPSV\n MDTM\n PASV\n PBSZ\n PROT\n REST STREAM\n SIZE\n TVFS\n211 End";
/* ProFTPD 1.3.8 with mod_tls, recorded on Debian 12. */
static const char feat_proftpd[] =
  "211-Features:\n AUTH TLS\n CCC\n CLNT\n CSID\n EPRT\n EPSV\n HOST\n LANG C.UTF-8*\n MDTM\n"
  " MFF modify;UNIX.group;UNIX.mode;\n MFMT\n"
  " MLST modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;UNIX.owner*;"
  "UNIX.ownername*;\n PBSZ\n PROT\n RANG STREAM\n REST STREAM\n SITE COPY\n SITE MKDIR\n"
  " SITE RMDIR\n SITE SYMLINK\n SITE UTIME\n SIZE\n SSCN\n TVFS\n UTF8\n211 End";
/* pure-ftpd 1.0.50. */
static const char feat_pureftpd[] =
  "211-Extensions supported:\n UTF8\n EPRT\n IDLE\n MDTM\n SIZE\n MFMT\n REST STREAM\n"
  " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;\n MLSD\n PRET\n"
  " AUTH TLS\n PBSZ\n PROT\n TVFS\n ESTA\n PASV\n EPSV\n ESTP\n211 End.";
/* Older pure-ftpd: an empty line before the end. */
static const char feat_pureftpd_old[] =
  "211-Extensions supported:\n EPRT\n IDLE\n MDTM\n SIZE\n REST STREAM\n"
  " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;\n MLSD\n AUTH TLS\n"
  " PBSZ\n PROT\n UTF8\n TVFS\n ESTA\n PASV\n EPSV\n SPSV\n\n211 End.";
/* Microsoft FTP Service (IIS 7.5 and later). */
static const char feat_iis[] =
  "211-Extended features supported:\n LANG EN*\n UTF8\n AUTH TLS;TLS-C;SSL;TLS-P;\n PBSZ\n"
  " PROT C;P;\n CCC\n HOST\n SIZE\n MDTM\n REST STREAM\n211 END";
/* glFTPd. */
static const char feat_glftpd[] =
  "211- Extensions supported:\n AUTH TLS\n AUTH SSL\n PBSZ\n PROT\n CPSV\n SSCN\n MDTM\n SIZE\n"
  " REST STREAM\n SYST\n EPRT\n EPSV\n CEPR\n211 End";

static const FeatCase feat_cases[] = {
  { "vsftpd", feat_vsftpd,
    "AUTH TLS|EPRT|EPSV|MDTM|PASV|PBSZ|PROT|REST STREAM|SIZE|TVFS|UTF8" },
  { "vsftpd without TLS 1.0", feat_vsftpd_no_tls1,
    "EPRT|EPSV|MDTM|PASV|PBSZ|PROT|REST STREAM|SIZE|TVFS" },
  { "ProFTPD", feat_proftpd,
    "AUTH TLS|CCC|CLNT|CSID|EPRT|EPSV|HOST|LANG C.UTF-8*|MDTM|MFF modify;UNIX.group;UNIX.mode;|"
    "MFMT|MLST modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;"
    "UNIX.owner*;UNIX.ownername*;|PBSZ|PROT|RANG STREAM|REST STREAM|SITE COPY|SITE MKDIR|"
    "SITE RMDIR|SITE SYMLINK|SITE UTIME|SIZE|SSCN|TVFS|UTF8" },
  { "pure-ftpd", feat_pureftpd,
    "UTF8|EPRT|IDLE|MDTM|SIZE|MFMT|REST STREAM|"
    "MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;|MLSD|PRET|AUTH TLS|"
    "PBSZ|PROT|TVFS|ESTA|PASV|EPSV|ESTP" },
  { "older pure-ftpd", feat_pureftpd_old,
    "EPRT|IDLE|MDTM|SIZE|REST STREAM|"
    "MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;|MLSD|AUTH TLS|PBSZ|"
    "PROT|UTF8|TVFS|ESTA|PASV|EPSV|SPSV" },
  { "IIS", feat_iis,
    "LANG EN*|UTF8|AUTH TLS;TLS-C;SSL;TLS-P;|PBSZ|PROT C;P;|CCC|HOST|SIZE|MDTM|REST STREAM" },
  { "glFTPd", feat_glftpd,
    "AUTH TLS|AUTH SSL|PBSZ|PROT|CPSV|SSCN|MDTM|SIZE|REST STREAM|SYST|EPRT|EPSV|CEPR" },
  { "not indented, lower case", "211-Extensions supported:\nmlst size*;type*;\nutf8\n211 END",
    "MLST size*;type*;|UTF8" },
  { "code on every line", "211-Features\n211-MDTM\n211-SIZE\n211 End", "MDTM|SIZE" },
  { "extra spaces", "211-Features:\n   REST    STREAM  \n\tUTF8\t\n211 End", "REST STREAM|UTF8" },
  { "nothing listed", "211-Features:\n211 End", "" },
  { "single line", "211 No extensions", "" },
  { "not understood", "500 FEAT not understood", "" },
  { "refused, multi-line", "502-Command not implemented\n MDTM\n502 Sorry", "" },
};

static void
test_feat_parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (feat_cases); i++)
    {
      const FeatCase *c = &feat_cases[i];
      g_autoptr(FerryReply) reply = reply_from_text (c->reply);
      g_auto(GStrv) features = ferry_feat_parse (reply);
      g_autofree char *joined = NULL;

      g_test_message ("case: %s", c->name);
      g_assert_nonnull (features);
      joined = g_strjoinv ("|", features);
      g_assert_cmpstr (joined, ==, c->features);
    }
}

typedef struct
{
  const char *reply; /* NULL: no feature list at all */
  const char *name;
  gboolean expected;
} FeatHasCase;

static const FeatHasCase feat_has_cases[] = {
  { feat_vsftpd, "AUTH TLS", TRUE },
  { feat_vsftpd, "auth tls", TRUE },
  { feat_vsftpd, "AUTH", TRUE },
  { feat_vsftpd, "AUTH SSL", FALSE },
  { feat_vsftpd, "REST STREAM", TRUE },
  { feat_vsftpd, "REST", TRUE },
  { feat_vsftpd, "UTF8", TRUE },
  { feat_vsftpd, "  UTF8  ", TRUE },
  { feat_vsftpd, "MLST", FALSE },
  { feat_vsftpd, "MLSD", FALSE },
  { feat_vsftpd_no_tls1, "AUTH TLS", FALSE },
  { feat_vsftpd_no_tls1, "PBSZ", TRUE },
  { feat_vsftpd_no_tls1, "UTF8", FALSE },
  { feat_proftpd, "MLST", TRUE },
  { feat_proftpd, "MLST size", TRUE },
  { feat_proftpd, "MLST UNIX.mode", TRUE },
  { feat_proftpd, "MLST sizd", FALSE },
  { feat_proftpd, "SITE COPY", TRUE },
  { feat_proftpd, "SITE CHMOD", FALSE },
  { feat_proftpd, "CCC", TRUE },
  { feat_proftpd, "MFF", TRUE },
  { feat_proftpd, "UTF", FALSE },
  { feat_proftpd, "MLSD", FALSE },
  { feat_pureftpd, "MLST sizd", TRUE },
  { feat_pureftpd, "MLSD", TRUE },
  { feat_pureftpd, "CCC", FALSE },
  { feat_iis, "AUTH TLS", TRUE },
  { feat_iis, "AUTH SSL", TRUE },
  { feat_iis, "AUTH TLS-P", TRUE },
  { feat_iis, "AUTH TLS-X", FALSE },
  { feat_iis, "PROT P", TRUE },
  { feat_iis, "PROT X", FALSE },
  { feat_iis, "LANG EN", TRUE },
  { feat_iis, "SSL", FALSE },
  { feat_glftpd, "AUTH SSL", TRUE },
  { feat_glftpd, "AUTH TLS", TRUE },
  { feat_vsftpd, "", FALSE },
  { NULL, "UTF8", FALSE },
};

static void
test_feat_has_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (feat_has_cases); i++)
    {
      const FeatHasCase *c = &feat_has_cases[i];
      g_autoptr(FerryReply) reply = NULL;
      g_auto(GStrv) features = NULL;

      g_test_message ("case %u: %s", i, c->name);
      if (c->reply != NULL)
        {
          reply = reply_from_text (c->reply);
          features = ferry_feat_parse (reply);
        }
      g_assert_cmpint (ferry_feat_has (features, c->name), ==, c->expected);
    }
}

/* ------------------------------------------------------------------------ */
/* PWD                                                                       */

typedef struct
{
  const char *reply;
  const char *path; /* NULL: an error */
} PwdCase;

static const PwdCase pwd_cases[] = {
  { "257 \"/\" is current directory.", "/" },
  { "257 \"/home/user\" is your current location", "/home/user" },
  { "257 \"/a \"\"quoted\"\" dir\" is current directory", "/a \"quoted\" dir" },
  { "257 \"/ends with a quote\"\"\"", "/ends with a quote\"" },
  { "257 \"\"\"\"", "\"" },
  { "257 \"/with space/and ümlaut\"", "/with space/and ümlaut" },
  { "257 \"/caf\xe9\" latin-1 bytes as sent", "/caf\xe9" },
  { "257 PWD: \"/text before\"", "/text before" },
  { "257 \"/a\" and \"/b\"", "/a" },
  { "257-\"/multi\" is current\n257 ok", "/multi" },
  { "257", NULL },
  { "257 /home/user is current directory", NULL },
  { "257 \"/unterminated", NULL },
  { "257 \"/unterminated \"\"", NULL },
  { "257 \"\" is current directory", NULL },
  { "550 \"/\": permission denied", NULL },
};

static void
test_pwd_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pwd_cases); i++)
    {
      const PwdCase *c = &pwd_cases[i];
      g_autoptr(FerryReply) reply = reply_from_text (c->reply);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      gboolean ok;

      g_test_message ("case %u", i);
      ok = ferry_parse_pwd_reply (reply, &path, &error);
      if (c->path == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_null (path);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (path, ==, c->path);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* PASV                                                                      */

typedef struct
{
  const char *reply;
  const char *address; /* NULL: an error */
  guint port;
  const char *message; /* for an error: a part of the message, or NULL */
} PasvCase;

static const PasvCase pasv_cases[] = {
  { "227 Entering Passive Mode (192,168,1,2,19,137)", "192.168.1.2", 5001, NULL },
  { "227 Entering Passive Mode (127,0,0,1,195,80).", "127.0.0.1", 50000, NULL },
  { "227 Entering Passive Mode 10,0,0,1,4,1", "10.0.0.1", 1025, NULL },
  { "227 =127,0,0,1,200,10", "127.0.0.1", 51210, NULL },
  { "227 Entering Passive Mode (127, 0, 0, 1, 39, 16)", "127.0.0.1", 10000, NULL },
  { "227 Mode 2 entered (203,0,113,9,0,21)", "203.0.113.9", 21, NULL },
  { "227 Entering Passive Mode (0,0,0,0,4,1)", "0.0.0.0", 1025, NULL },
  { "227 Entering Passive Mode (255,255,255,255,255,255)", "255.255.255.255", 65535, NULL },
  { "227-Entering Passive Mode\n227 (10,1,2,3,4,5)", "10.1.2.3", 1029, NULL },
  { "227 Entering Passive Mode (256,0,0,1,4,1)", NULL, 0, "above 255" },
  { "227 Entering Passive Mode (1,2,3,4,300,1)", NULL, 0, "above 255" },
  { "227 Entering Passive Mode (1,2,3,4,99999999999999,1)", NULL, 0, "above 255" },
  { "227 Entering Passive Mode (127,0,0,1,0,0)", NULL, 0, "port 0" },
  { "227 Entering Passive Mode (127,0,0,1,4)", NULL, 0, "(127,0,0,1,4)" },
  { "227 Entering Passive Mode (127,0,0,1,4,)", NULL, 0, NULL },
  { "227 Entering Passive Mode (1,2,3,4,5,6,7)", NULL, 0, NULL },
  { "227 Entering Passive Mode", NULL, 0, "Entering Passive Mode" },
  { "227 Entering Passive Mode (a,b,c,d,e,f)", NULL, 0, NULL },
  { "500 PASV not understood (1,2,3,4,5,6)", NULL, 0, "not understood" },
};

static void
test_pasv_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pasv_cases); i++)
    {
      const PasvCase *c = &pasv_cases[i];
      g_autoptr(FerryReply) reply = reply_from_text (c->reply);
      g_autoptr(GError) error = NULL;
      g_autofree char *address = NULL;
      guint16 port = 1;
      gboolean ok;

      g_test_message ("case: %s", c->reply);
      ok = ferry_parse_pasv_reply (reply, &address, &port, &error);
      if (c->address == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_null (address);
          g_assert_cmpuint (port, ==, 0);
          if (c->message != NULL)
            g_assert_nonnull (strstr (error->message, c->message));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (address, ==, c->address);
          g_assert_cmpuint (port, ==, c->port);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* EPSV                                                                      */

typedef struct
{
  const char *reply;
  guint port;          /* 0: an error */
  const char *message; /* for an error: a part of the message, or NULL */
} EpsvCase;

static const EpsvCase epsv_cases[] = {
  { "229 Entering Extended Passive Mode (|||6446|)", 6446, NULL },
  { "229 Extended Passive mode OK (|||30006|)", 30006, NULL },
  { "229 Entering Extended Passive Mode (!!!1234!)", 1234, NULL },
  { "229 Entering Extended Passive Mode (###65535#)", 65535, NULL },
  { "229 Entering Extended Passive Mode (|||1|)", 1, NULL },
  { "229 Entering Extended Passive Mode (|||6446|", 6446, NULL },
  { "229 Mode (x) entered (|||2121|)", 2121, NULL },
  { "229-Entering Extended Passive Mode\n229 (|||50000|)", 50000, NULL },
  { "229 Entering Extended Passive Mode (|||0|)", 0, "outside 1–65535" },
  { "229 Entering Extended Passive Mode (|||65536|)", 0, "outside 1–65535" },
  { "229 Entering Extended Passive Mode (|||99999999999|)", 0, "outside 1–65535" },
  { "229 Entering Extended Passive Mode (|||abc|)", 0, "(|||abc|)" },
  { "229 Entering Extended Passive Mode (|||-1|)", 0, NULL },
  { "229 Entering Extended Passive Mode (||6446|)", 0, NULL },
  { "229 Entering Extended Passive Mode (|!|6446|)", 0, NULL },
  { "229 Entering Extended Passive Mode (|||6446)", 0, NULL },
  { "229 Entering Extended Passive Mode (|||6446!)", 0, NULL },
  { "229 Entering Extended Passive Mode |||6446|", 0, NULL },
  { "229 Entering Extended Passive Mode (111222)", 0, NULL },
  { "229 Entering Extended Passive Mode (   6446 )", 0, NULL },
  { "229 Entering Extended Passive Mode (|1|::1|6446|)", 0, NULL },
  { "229 Entering Extended Passive Mode (", 0, NULL },
  { "227 Entering Passive Mode (|||6446|)", 0, "227" },
};

static void
test_epsv_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (epsv_cases); i++)
    {
      const EpsvCase *c = &epsv_cases[i];
      g_autoptr(FerryReply) reply = reply_from_text (c->reply);
      g_autoptr(GError) error = NULL;
      guint16 port = 1;
      gboolean ok;

      g_test_message ("case: %s", c->reply);
      ok = ferry_parse_epsv_reply (reply, &port, &error);
      if (c->port == 0)
        {
          g_assert_false (ok);
          g_assert_error (error, FERRY_ERROR, FERRY_ERROR_PROTOCOL);
          g_assert_cmpuint (port, ==, 0);
          if (c->message != NULL)
            g_assert_nonnull (strstr (error->message, c->message));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (port, ==, c->port);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The data connection's address                                             */

typedef struct
{
  const char *name;
  const char *pasv;
  const char *peer;
  gboolean replaced;
} ChooseCase;

static const ChooseCase choose_cases[] = {
  { "same host", "192.0.2.10", "192.0.2.10", FALSE },
  { "loopback", "127.0.0.1", "127.0.0.1", FALSE },
  { "private address behind NAT", "10.0.0.5", "203.0.113.7", TRUE },
  { "another private address", "192.168.1.2", "192.168.1.3", TRUE },
  { "a third public host (bounce)", "198.51.100.1", "203.0.113.7", TRUE },
  { "unspecified address", "0.0.0.0", "203.0.113.7", TRUE },
  { "IPv6 peer", "192.0.2.10", "2001:db8::1", TRUE },
  { "IPv4-mapped peer, same host", "192.0.2.10", "::ffff:192.0.2.10", FALSE },
  { "IPv4-mapped peer, another host", "10.0.0.1", "::ffff:192.0.2.10", TRUE },
  { "scoped IPv6 peer", "10.0.0.1", "fe80::1%eth0", TRUE },
  { "no address in the reply", NULL, "192.0.2.10", TRUE },
  { "unreadable address in the reply", "not-an-address", "192.0.2.10", TRUE },
};

static void
test_choose_address_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (choose_cases); i++)
    {
      const ChooseCase *c = &choose_cases[i];
      gboolean replaced = !c->replaced;
      const char *chosen;

      g_test_message ("case: %s", c->name);
      chosen = ferry_pasv_choose_address (c->pasv, c->peer, &replaced);
      g_assert_cmpint (replaced, ==, c->replaced);
      /* Whatever the reply said, the data connection goes to the peer's host. */
      if (c->replaced)
        g_assert_true (chosen == c->peer);
      else
        g_assert_true (chosen == c->pasv);
    }

  /* out_replaced may be NULL. */
  g_assert_cmpstr (ferry_pasv_choose_address ("10.0.0.1", "192.0.2.1", NULL), ==, "192.0.2.1");
}

/* ------------------------------------------------------------------------ */
/* Which codes can answer which command                                      */

typedef struct
{
  const char *command;
  guint code;
  gboolean can_answer;
} AnswerCase;

static const AnswerCase answer_cases[] = {
  /* The late strays of a transfer answer none of the commands that follow it. */
  { "PWD", 226, FALSE },
  { "PWD", 225, FALSE },
  { "PWD", 150, FALSE },
  { "PWD", 200, FALSE },
  { "PWD", 257, TRUE },
  { "XPWD", 257, TRUE },
  { "CWD /sub", 226, FALSE },
  { "CWD /sub", 250, TRUE },
  { "CWD /sub", 200, TRUE },    /* servers answer CWD with 200 too */
  { "CWD /sub", 550, TRUE },
  { "CWD /sub", 426, FALSE },   /* only a data connection is aborted */
  { "CWD /sub", 425, FALSE },
  { "TYPE I", 200, TRUE },
  { "TYPE I", 226, FALSE },
  { "TYPE I", 125, FALSE },
  { "TYPE I", 504, TRUE },
  { "SIZE /file.bin", 213, TRUE },
  { "SIZE /file.bin", 226, FALSE },
  { "SIZE /file.bin", 200, FALSE },
  { "SIZE /file.bin", 550, TRUE },
  { "SIZE /file.bin", 450, TRUE },
  { "MDTM /file.bin", 213, TRUE },
  { "MDTM /file.bin", 250, FALSE },
  { "PASV", 227, TRUE },
  { "PASV", 200, FALSE },
  { "PASV", 229, FALSE },
  { "PASV", 502, TRUE },
  { "EPSV", 229, TRUE },
  { "EPSV", 227, FALSE },
  { "EPSV", 500, TRUE },
  { "USER alice", 331, TRUE },
  { "USER alice", 230, TRUE },
  { "USER alice", 332, TRUE },
  { "USER alice", 226, FALSE },
  { "USER alice", 530, TRUE },
  { "PASS secret", 230, TRUE },
  { "PASS secret", 202, TRUE },
  { "PASS secret", 331, FALSE },
  { "PASS secret", 226, FALSE },
  { "PASS secret", 530, TRUE },
  { "AUTH TLS", 234, TRUE },
  { "AUTH TLS", 226, FALSE },
  { "AUTH TLS", 502, TRUE },
  { "FEAT", 211, TRUE },
  { "FEAT", 200, TRUE },          /* "200 No features": no list, but its answer */
  { "FEAT", 226, FALSE },
  { "PBSZ 0", 200, TRUE },
  { "PROT P", 200, TRUE },
  { "PROT P", 534, TRUE },
  { "RNFR /a", 350, TRUE },
  { "RNFR /a", 250, FALSE },
  { "REST 100", 350, TRUE },
  { "MKD /new", 257, TRUE },
  { "MKD /new", 250, TRUE },
  { "MKD /new", 200, TRUE },      /* servers that answer MKD with a bare 200 */
  { "MKD /new", 226, FALSE },
  { "NOOP", 200, TRUE },
  { "NOOP", 226, FALSE },
  { "SYST", 215, TRUE },
  { "SYST", 200, TRUE },
  { "SYST", 226, FALSE },
  /* Case does not matter, nor the argument. */
  { "pwd", 226, FALSE },
  { "Size x", 213, TRUE },
  /* 421 closes the connection, whatever was asked. */
  { "PWD", 421, TRUE },
  { "SIZE /x", 421, TRUE },
  /* Data commands and ABOR can be answered by anything: 150, 226, 425 … */
  { "RETR /file.bin", 150, TRUE },
  { "RETR /file.bin", 226, TRUE },
  { "RETR /file.bin", 425, TRUE },
  { "STOR /up.bin", 226, TRUE },
  { "LIST", 125, TRUE },
  { "MLSD", 226, TRUE },
  { "NLST", 450, TRUE },
  { "ABOR", 225, TRUE },
  { "ABOR", 426, TRUE },
  /* So can a command the table does not know, or none. */
  { "SITE CHMOD 644 x", 226, TRUE },
  { "XYZZY", 150, TRUE },
  { "AVERYLONGVERB", 150, TRUE },
  { "", 226, TRUE },
  { NULL, 226, TRUE },
};

/* Every verb of the table: a 150 and a 226 answer none of them (this also
 * finds a row out of order, which the binary search would miss). */
static const char *const table_verbs[] = {
  "ACCT", "ADAT", "AUTH", "CCC", "CDUP", "CWD", "DELE", "EPRT", "EPSV", "FEAT", "HELP",
  "MDTM", "MFMT", "MKD", "MODE", "NOOP", "OPTS", "PASS", "PASV", "PBSZ", "PORT", "PROT",
  "PWD", "QUIT", "REST", "RMD", "RNFR", "RNTO", "SIZE", "STRU", "SYST", "TYPE", "USER",
  "XCUP", "XCWD", "XMKD", "XPWD", "XRMD",
};

static void
test_can_answer_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_cases); i++)
    {
      const AnswerCase *c = &answer_cases[i];

      g_test_message ("case: %s → %u", c->command ? c->command : "(null)", c->code);
      g_assert_cmpint (ferry_reply_code_can_answer (c->command, c->code), ==, c->can_answer);
    }
  for (guint i = 0; i < G_N_ELEMENTS (table_verbs); i++)
    {
      g_test_message ("verb: %s", table_verbs[i]);
      g_assert_false (ferry_reply_code_can_answer (table_verbs[i], 150));
      g_assert_false (ferry_reply_code_can_answer (table_verbs[i], 226));
      g_assert_true (ferry_reply_code_can_answer (table_verbs[i], 500));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reply/parser/table", test_reply_parser_table);
  g_test_add_func ("/reply/parser/sequence", test_reply_parser_sequence);
  g_test_add_func ("/reply/parser/reset", test_reply_parser_reset);
  g_test_add_func ("/reply/parser/long-line", test_reply_parser_long_line);
  g_test_add_func ("/reply/parser/large-reply", test_reply_parser_large_reply);
  g_test_add_func ("/reply/boxed", test_reply_boxed);
  g_test_add_func ("/reply/sanitize", test_sanitize_table);
  g_test_add_func ("/reply/feat/parse", test_feat_parse_table);
  g_test_add_func ("/reply/feat/has", test_feat_has_table);
  g_test_add_func ("/reply/pwd", test_pwd_table);
  g_test_add_func ("/reply/pasv", test_pasv_table);
  g_test_add_func ("/reply/epsv", test_epsv_table);
  g_test_add_func ("/reply/pasv-choose-address", test_choose_address_table);
  g_test_add_func ("/reply/can-answer", test_can_answer_table);

  return g_test_run ();
}
