#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of fuzz-listing from the fixture tables: every BYTES ("...") line
of tests/test-list-parser*.c (MLSD tables as MLSD, the others as LIST), eight lines to a
seed, and the mixed listing of tests/data/listings. The first byte of a seed is the mode
byte fuzz-listing.c reads (bit 0: MLSD; bits 1-4: server type). Run it again after
changing the tables:  tests/fuzz/seeds-from-fixtures.py"""
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
OUT = os.path.join(HERE, 'corpus', 'listing')
BYTES = re.compile(r'BYTES\s*\(((?:\s*"(?:[^"\\]|\\.)*")+)\s*\)')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
TABLE = re.compile(r'static const \w+ (\w+)\[\] = \{')
ESCAPES = {'n': 10, 't': 9, 'r': 13, '0': 0, '\\': 92, '"': 34, "'": 39, 'a': 7}


def c_bytes(literal):
    """The bytes of a C string literal's body (UTF-8 source, \\xHH, \\n...)."""
    out = bytearray()
    raw = literal.encode('utf-8')
    i = 0
    while i < len(raw):
        c = raw[i]
        if c != 0x5c:
            out.append(c)
            i += 1
            continue
        e = chr(raw[i + 1])
        if e == 'x':
            digits = raw[i + 2:i + 4]
            n = 2 if len(digits) == 2 and all(chr(d) in '0123456789abcdefABCDEF'
                                               for d in digits) else 1
            out.append(int(raw[i + 2:i + 2 + n], 16))
            i += 2 + n
        else:
            out.append(ESCAPES.get(e, ord(e)))
            i += 2
    return bytes(out)


def fixture_lines(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    tables = [(m.start(), m.group(1)) for m in TABLE.finditer(text)]
    for m in BYTES.finditer(text):
        table = ''
        for start, name in tables:
            if start < m.start():
                table = name
        line = b''.join(c_bytes(s) for s in STRING.findall(m.group(1)))
        yield ('mlsd' in table.lower()), line


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    groups = {False: [], True: []}
    for name in sorted(os.listdir(TESTS)):
        if name.startswith('test-list-parser') and name.endswith('.c'):
            for mlsd, line in fixture_lines(os.path.join(TESTS, name)):
                groups[mlsd].append(line)
    n = 0
    for mlsd, lines in groups.items():
        for i in range(0, len(lines), 8):
            with open(os.path.join(OUT, 'fixtures-%03d' % n), 'wb') as f:
                f.write(bytes([1 if mlsd else 0]) + b'\n'.join(lines[i:i + 8]) + b'\n')
            n += 1
    with open(os.path.join(TESTS, 'data', 'listings', 'mixed.txt'), 'rb') as f:
        mixed = f.read()
    for type_ in range(13):
        with open(os.path.join(OUT, 'mixed-type-%02d' % type_), 'wb') as f:
            f.write(bytes([type_ << 1]) + mixed)
    print('%d seeds in %s' % (n + 13, OUT))


if __name__ == '__main__':
    main()
