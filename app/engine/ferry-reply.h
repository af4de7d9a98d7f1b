/* ferry-reply.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FTP replies (RFC 959 §4.2) and the pure parsers that read them: the
 * multi-line reply assembler, FEAT, PWD, PASV and EPSV; and which codes can
 * answer which command.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FERRY_REPLY_MAX_LINE  8192    /* bytes in one reply line, CRLF excluded */
#define FERRY_REPLY_MAX_SIZE  1048576 /* bytes in one (multi-line) reply */

/**
 * FerryReply:
 * @code: the three-digit reply code (100 to 599)
 * @lines: (array zero-terminated=1): the reply's lines as received, without CR/LF
 *   (and without NUL bytes, a no-op in the Telnet NVT); bytes in the server's
 *   character set, not necessarily UTF-8
 * @text: the reply's text for people: the first line without its "123-" or
 *   "123 " prefix, later lines as they are (a final "123 " prefix removed, and
 *   a "123-" that repeats the code on a middle line too), joined with '\n';
 *   always valid UTF-8 (invalid bytes become U+FFFD)
 */
typedef struct
{
  guint code;
  char **lines;
  char *text;
} FerryReply;

#define FERRY_TYPE_REPLY (ferry_reply_get_type ())

GType       ferry_reply_get_type (void) G_GNUC_CONST;
FerryReply *ferry_reply_new      (guint       code,
                                  const char *text); /* a single-line reply, for tests */
FerryReply *ferry_reply_copy     (const FerryReply *reply);
void        ferry_reply_free     (FerryReply *reply);

/* The first digit of the code: 1 preliminary, 2 completion, 3 intermediate,
 * 4 transient failure, 5 permanent failure. */
#define ferry_reply_class(r) ((r)->code / 100)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryReply, ferry_reply_free)

/**
 * FerryReplyParser:
 * Assembles replies from lines (the caller splits the byte stream at '\n' and
 * strips a trailing '\r'). Bounds: a line over FERRY_REPLY_MAX_LINE bytes or a
 * reply over FERRY_REPLY_MAX_SIZE bytes is a FERRY_ERROR_PROTOCOL error. A
 * first line that does not begin with a code 100–599 followed by ' ', '-' or
 * the end of the line is a FERRY_ERROR_PROTOCOL error whose message quotes
 * (a sanitised, shortened copy of) what the server sent. Never crashes on any
 * input, including NUL bytes and invalid UTF-8.
 */
typedef struct _FerryReplyParser FerryReplyParser;

FerryReplyParser *ferry_reply_parser_new       (void);
void              ferry_reply_parser_free      (FerryReplyParser *parser);
void              ferry_reply_parser_reset     (FerryReplyParser *parser);
/* TRUE when the parser is inside a multi-line reply. */
gboolean          ferry_reply_parser_is_partial (FerryReplyParser *parser);
/**
 * ferry_reply_parser_push_line:
 * Returns: TRUE and sets *@out_reply when @line completed a reply; TRUE and
 *   leaves *@out_reply %NULL when more lines are needed; FALSE with @error set
 *   when the input is not a valid reply (the parser is then reset).
 */
gboolean          ferry_reply_parser_push_line (FerryReplyParser *parser,
                                                const char       *line,
                                                gsize             len,
                                                FerryReply      **out_reply,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FerryReplyParser, ferry_reply_parser_free)

/* A shortened, printable copy of @data for error messages (non-printable bytes
 * as \xNN, a backslash as \\, at most @max_chars characters with the "…"
 * that marks a cut; 0 for no limit). Always valid UTF-8. */
char     *ferry_sanitize_for_display (const char *data,
                                      gsize       len,
                                      gsize       max_chars);

/**
 * ferry_feat_parse:
 * @reply: a 211 reply to FEAT
 * Returns: (transfer full): one string per feature line, trimmed, keyword
 *   uppercased and parameters kept ("MLST type*;size*;", "AUTH TLS", "UTF8").
 *   An empty array for a reply that lists nothing (or a 5xx reply).
 */
char   **ferry_feat_parse (const FerryReply *reply);
/**
 * ferry_feat_has:
 * @name: a keyword ("UTF8", "MLST") or keyword and parameter ("AUTH TLS", "REST STREAM")
 * Matches case-insensitively: a keyword matches a feature's first word; a
 * keyword with a parameter matches when the feature's first word is the keyword
 * and its parameters include the parameter (vsftpd: "AUTH SSL" / "AUTH TLS" lines;
 * some servers "AUTH TLS;SSL").
 */
gboolean ferry_feat_has   (char *const *features,
                           const char  *name);

/**
 * ferry_parse_pwd_reply:
 * The path in a 257 reply: `257 "/a ""quoted"" dir" is current directory`
 * gives `/a "quoted" dir`. FALSE with FERRY_ERROR_PROTOCOL when there is no quoted path.
 * The path is read from @reply's lines: bytes as the server sent them, in its
 * character set, for the caller to convert.
 */
gboolean ferry_parse_pwd_reply  (const FerryReply *reply,
                                 char            **out_path,
                                 GError          **error);

/**
 * ferry_parse_pasv_reply:
 * The address and port in a 227 reply, "(h1,h2,h3,h4,p1,p2)" with or without
 * parentheses anywhere in the text. Each number 0–255. @out_address is dotted
 * IPv4. FALSE with FERRY_ERROR_PROTOCOL otherwise.
 */
gboolean ferry_parse_pasv_reply (const FerryReply *reply,
                                 char            **out_address,
                                 guint16          *out_port,
                                 GError          **error);

/**
 * ferry_parse_epsv_reply:
 * The port in a 229 reply: "(<d><d><d>port<d>)" where <d> is one delimiter
 * character (usually '|') repeated. Port 1–65535. FALSE with FERRY_ERROR_PROTOCOL otherwise.
 */
gboolean ferry_parse_epsv_reply (const FerryReply *reply,
                                 guint16          *out_port,
                                 GError          **error);

/**
 * ferry_pasv_choose_address:
 * @pasv_address: the address a 227 reply named
 * @peer_address: the control connection's peer address (IPv4 or IPv6 text)
 * @out_replaced: (out): TRUE when the reply's address was not used
 *
 * Ferry connects data connections only to the control connection's peer (no
 * FTP bounce to a third host, and servers behind NAT announce unroutable
 * addresses). Returns the address to connect to: @peer_address, unless both
 * are the same host. @out_replaced says whether the reply named another address.
 */
const char *ferry_pasv_choose_address (const char *pasv_address,
                                       const char *peer_address,
                                       gboolean   *out_replaced);

/**
 * ferry_reply_code_can_answer:
 * @command: the command line that went out ("PWD", "SIZE /a"), or %NULL
 * @code: a reply code, 100–599
 *
 * FALSE when a reply with @code cannot be the answer to @command (RFC 959 §5.4):
 * a 226, 225 or 150 to PWD, a 200 to PASV, a 426 to CWD. Such a reply is a stray
 * one (a late second 226) and the command's own answer is still to come. TRUE
 * for a command not in the table (data commands, ABOR, SITE, unknown ones), for
 * %NULL, and for 421 (the server is closing the connection).
 */
gboolean ferry_reply_code_can_answer (const char *command,
                                      guint       code);

G_END_DECLS
