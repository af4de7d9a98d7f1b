/* test-exists-policy.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "file exists" decision and the numbered names of Rename, as tables.
 */
#include "config.h"

#include "ferry-exists-policy.h"

#define U FERRY_EXISTS_MTIME_UNKNOWN

static void
test_numbered_names (void)
{
  static const struct
  {
    const char *name;
    guint n;
    const char *expected;
  } cases[] = {
    { "report.pdf", 1, "report (1).pdf" },
    { "report.pdf", 2, "report (2).pdf" },
    { "archive.tar.gz", 1, "archive (1).tar.gz" },
    { "archive.TAR.XZ", 3, "archive (3).TAR.XZ" },
    { "backup.tar", 1, "backup (1).tar" },
    { "notes", 1, "notes (1)" },
    { ".bashrc", 1, ".bashrc (1)" },
    { ".config.old", 1, ".config (1).old" },
    { "trailing.", 1, "trailing. (1)" },
    { "a.b.c", 12, "a.b (12).c" },
    { "gr\xc3\xbc\xc3\x9f" "e.txt", 1, "gr\xc3\xbc\xc3\x9f" "e (1).txt" },
    /* A long "extension" after .tar is no tar suffix. */
    { "x.tar.longext", 1, "x.tar (1).longext" },
    { "", 1, " (1)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ferry_exists_numbered_name (cases[i].name, cases[i].n);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_decide (void)
{
  static const struct
  {
    FerryExistsAction chosen;
    FerryFileFacts source;
    FerryFileFacts target;
    FerryExistsAction expected;
  } cases[] = {
    /* No target: every choice just writes. */
    { FERRY_EXISTS_ASK, { TRUE, 10, 100 }, { FALSE, -1, U }, FERRY_EXISTS_OVERWRITE },
    { FERRY_EXISTS_SKIP, { TRUE, 10, 100 }, { FALSE, -1, U }, FERRY_EXISTS_OVERWRITE },
    { FERRY_EXISTS_RENAME, { TRUE, 10, 100 }, { FALSE, -1, U }, FERRY_EXISTS_OVERWRITE },
    /* A target: the choice stands. */
    { FERRY_EXISTS_ASK, { TRUE, 10, 100 }, { TRUE, 5, 50 }, FERRY_EXISTS_ASK },
    { FERRY_EXISTS_OVERWRITE, { TRUE, 10, 100 }, { TRUE, 5, 50 }, FERRY_EXISTS_OVERWRITE },
    { FERRY_EXISTS_RESUME, { TRUE, 10, 100 }, { TRUE, 5, 50 }, FERRY_EXISTS_RESUME },
    { FERRY_EXISTS_SKIP, { TRUE, 10, 100 }, { TRUE, 5, 50 }, FERRY_EXISTS_SKIP },
    { FERRY_EXISTS_RENAME, { TRUE, 10, 100 }, { TRUE, 5, 50 }, FERRY_EXISTS_RENAME },
    /* Newer: only a later source overwrites; equal, older or unknown skip. */
    { FERRY_EXISTS_NEWER, { TRUE, 10, 101 }, { TRUE, 5, 100 }, FERRY_EXISTS_OVERWRITE },
    { FERRY_EXISTS_NEWER, { TRUE, 10, 100 }, { TRUE, 5, 100 }, FERRY_EXISTS_SKIP },
    { FERRY_EXISTS_NEWER, { TRUE, 10, 99 }, { TRUE, 5, 100 }, FERRY_EXISTS_SKIP },
    { FERRY_EXISTS_NEWER, { TRUE, 10, U }, { TRUE, 5, 100 }, FERRY_EXISTS_SKIP },
    { FERRY_EXISTS_NEWER, { TRUE, 10, 100 }, { TRUE, 5, U }, FERRY_EXISTS_SKIP },
    { FERRY_EXISTS_NEWER, { TRUE, 10, 100 }, { FALSE, -1, U }, FERRY_EXISTS_OVERWRITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FerryExistsAction got = ferry_exists_decide (cases[i].chosen, &cases[i].source,
                                                   &cases[i].target);

      if (got != cases[i].expected)
        g_error ("case %u: %s, not %s", i, ferry_exists_action_to_nick (got),
                 ferry_exists_action_to_nick (cases[i].expected));
    }
}

static void
test_can_resume (void)
{
  FerryFileFacts source = { TRUE, 100, U };
  FerryFileFacts shorter = { TRUE, 40, U }, same = { TRUE, 100, U }, longer = { TRUE, 200, U };
  FerryFileFacts unknown = { TRUE, -1, U }, none = { FALSE, -1, U };

  g_assert_true (ferry_exists_can_resume (&source, &shorter));
  g_assert_false (ferry_exists_can_resume (&source, &same));
  g_assert_false (ferry_exists_can_resume (&source, &longer));
  g_assert_true (ferry_exists_can_resume (&source, &unknown));
  g_assert_false (ferry_exists_can_resume (&source, &none));
}

static void
test_flags_and_nicks (void)
{
  static const FerryExistsAction all[] = {
    FERRY_EXISTS_ASK, FERRY_EXISTS_OVERWRITE, FERRY_EXISTS_RESUME, FERRY_EXISTS_SKIP,
    FERRY_EXISTS_RENAME, FERRY_EXISTS_NEWER,
  };
  FerryExistsAction parsed;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      FerryTransferFlags flags =
        ferry_exists_action_apply (FERRY_TRANSFER_FLAGS_PRESERVE_MTIME |
                                     FERRY_TRANSFER_FLAGS_OVERWRITE |
                                     FERRY_TRANSFER_FLAGS_RENAME,
                                   all[i]);

      /* Other flags stay; the choosing ones are replaced, not added to. */
      g_assert_true (flags & FERRY_TRANSFER_FLAGS_PRESERVE_MTIME);
      g_assert_cmpint (ferry_exists_action_from_flags (flags), ==, all[i]);
      g_assert_true (ferry_exists_action_from_nick (ferry_exists_action_to_nick (all[i]),
                                                    &parsed));
      g_assert_cmpint (parsed, ==, all[i]);
    }
  g_assert_false (ferry_exists_action_from_nick ("Overwrite", &parsed));
  g_assert_false (ferry_exists_action_from_nick ("", &parsed));
  g_assert_false (ferry_exists_action_from_nick (NULL, &parsed));
  g_assert_cmpint (ferry_exists_action_from_flags (FERRY_TRANSFER_FLAGS_PRESERVE_MTIME), ==,
                   FERRY_EXISTS_ASK);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exists-policy/numbered-names", test_numbered_names);
  g_test_add_func ("/exists-policy/decide", test_decide);
  g_test_add_func ("/exists-policy/can-resume", test_can_resume);
  g_test_add_func ("/exists-policy/flags-and-nicks", test_flags_and_nicks);
  return g_test_run ();
}
