#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sentences a person reads are marked for translation.

usage: check-unmarked.py SOURCE_ROOT
Reads app/**/*.c and fails on every call that makes an error or a status line
a person sees (g_set_error, g_set_error_literal, g_error_new,
g_error_new_literal, g_prefix_error, g_task_return_new_error, ferry_shared_log
with FERRY_LOG_STATUS/WARNING/ERROR, ferry_runner_note, adw_toast_new) whose
message is a bare string literal instead of _(), N_(), g_dgettext or
g_dngettext. A message that is only a format of other strings ("%s", "%s: %s")
has nothing to translate and is allowed.
"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1])

# Function name -> index of the message argument.
CALLS = {
    'g_set_error': 3, 'g_set_error_literal': 3, 'g_error_new': 2, 'g_error_new_literal': 2,
    'g_prefix_error': 1, 'g_task_return_new_error': 3, 'ferry_runner_note': 1,
    'adw_toast_new': 0, 'ferry_shared_log': 2,
}
SEEN_KINDS = ('FERRY_LOG_STATUS', 'FERRY_LOG_WARNING', 'FERRY_LOG_ERROR')
CALL_RE = re.compile(r'\b(' + '|'.join(CALLS) + r')\s*\(')
ONLY_FORMAT = re.compile(r'^[%sdu:;,.()“”"\s\-–—\\n]*$')


def split_args(text, start):
    """The top-level arguments of the call whose '(' is at text[start - 1]."""
    args, depth, current, i = [], 0, [], start
    in_string = None
    while i < len(text):
        c = text[i]
        if in_string:
            current.append(c)
            if c == '\\':
                current.append(text[i + 1])
                i += 1
            elif c == in_string:
                in_string = None
        elif c in '"\'':
            in_string = c
            current.append(c)
        elif c in '([{':
            depth += 1
            current.append(c)
        elif c in ')]}':
            if depth == 0:
                args.append(''.join(current).strip())
                return args
            depth -= 1
            current.append(c)
        elif c == ',' and depth == 0:
            args.append(''.join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    return args


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def literal_text(arg):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    return ''.join(parts)


def main():
    problems = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'app')):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith('.c'):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8') as f:
                text = strip_comments(f.read())
            for match in CALL_RE.finditer(text):
                function = match.group(1)
                args = split_args(text, match.end())
                index = CALLS[function]
                if len(args) <= index:
                    continue
                if function == 'ferry_shared_log' and args[1] not in SEEN_KINDS:
                    continue
                message = args[index]
                if not message.startswith('"'):
                    continue  # _(), N_(), g_dgettext, a variable: fine
                if ONLY_FORMAT.match(literal_text(message)):
                    continue
                line = text.count('\n', 0, match.start()) + 1
                problems.append('%s:%d: %s: "%s" is not marked for translation'
                                % (os.path.relpath(path, root), line, function,
                                   literal_text(message)[:70]))
    for problem in problems:
        print(problem)
    print('%d unmarked sentence(s)' % len(problems))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
