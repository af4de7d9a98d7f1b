#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of each fuzz target (tests/fuzz/corpus/NAME/) from the fixture
tables of the unit tests. The first byte of a seed is the mode byte the target reads.

  listing      every BYTES ("...") line of tests/test-list-parser*.c (MLSD tables as MLSD,
               the others as LIST), eight lines to a seed, and the mixed listing of
               tests/data/listings (bit 0: MLSD; bits 1-4: server type)
  reply        the inputs of reply_cases in tests/test-reply.c and the FEAT, PWD, PASV
               and EPSV replies, as a server sends them (CRLF), in pieces of several sizes
  commands     the FEAT, PWD, PASV and EPSV replies of tests/test-reply.c, for the parser
               of each (bits 0-1), as lines and as text
  url          the texts of tests/test-url.c (parsed, refused and written)
  certificate  certificates openssl makes with the settings of tests/test-certificate.c
               (CA, leaf, self-signed, EC, Ed25519, UTF-8 names), as DER chains and PEM
  filezilla    tests/data/filezilla/*.xml and the RemoteDir and server-type cases of
               tests/test-filezilla-import.c as site lists
  keyfile      the sites.ini and known-servers.ini texts of tests/test-site-store.c and
               tests/test-known-servers-file.c, and one of each as Ferry writes them

Run it again after changing the tables:  tests/fuzz/seeds-from-fixtures.py [NAME...]"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, 'corpus')
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


def fresh(name):
    out = os.path.join(CORPUS, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    return out


def write_seeds(name, seeds):
    """@seeds: (file name, bytes) pairs."""
    out = fresh(name)
    for file_name, data in seeds:
        with open(os.path.join(out, file_name), 'wb') as f:
            f.write(data)
    print('%d seeds in %s' % (len(seeds), out))


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def literals(text):
    """Every C string (adjacent literals joined) in @text, as bytes."""
    out = []
    for m in re.finditer(r'((?:"(?:[^"\\]|\\.)*"\s*)+)', text):
        out.append(b''.join(c_bytes(x) for x in STRING.findall(m.group(1))))
    return out


def table(text, name):
    """The body of the table @name: from "name[] = {" to the "};" that ends it."""
    start = text.index(name + '[] = {')
    return text[start:text.index('\n};', start)]


def rows(body):
    """The rows of a table body, each as the text between its braces."""
    return re.findall(r'^\s*\{(.*?)\},?\s*$', body, re.S | re.M)


def write_listing():
    OUT = fresh('listing')
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


# reply and commands ----------------------------------------------------------------------

def reply_fixtures():
    """(reply_cases inputs, FEAT/PWD/PASV/EPSV replies by parser) of tests/test-reply.c."""
    text = read(os.path.join(TESTS, 'test-reply.c'))
    inputs = []
    for row in rows(table(text, 'reply_cases')):
        m = BYTES.search(row)
        if m:
            inputs.append(b''.join(c_bytes(x) for x in STRING.findall(m.group(1))))
    constants = {}
    for m in re.finditer(r'static const char (feat_\w+)\[\] =\s*((?:"(?:[^"\\]|\\.)*"\s*)+);',
                         text):
        constants[m.group(1)] = b''.join(c_bytes(x) for x in STRING.findall(m.group(2)))
    replies = {0: list(constants.values()), 1: [], 2: [], 3: []}
    for row in rows(table(text, 'feat_cases')):
        found = literals(row)
        if len(found) >= 3:
            replies[0].append(found[1])
    for which, name in ((1, 'pasv_cases'), (2, 'epsv_cases'), (3, 'pwd_cases')):
        for row in rows(table(text, name)):
            found = literals(row)
            if found:
                replies[which].append(found[0])
    return inputs, replies


def write_reply():
    inputs, replies = reply_fixtures()
    seeds = []
    # Each case as the server sends it, in pieces of 1 to 64 bytes.
    for i, data in enumerate(inputs):
        seeds.append(('case-%03d' % i, bytes([i % 64]) + data.replace(b'\n', b'\r\n') + b'\r\n'))
    # A session: the banner, FEAT, PWD, PASV and EPSV replies in a row.
    session = b'220-Welcome\r\n220 Ready\r\n331 Password required\r\n230 Logged in\r\n'
    for which in range(4):
        for data in replies[which]:
            if re.match(rb'^[1-5][0-9][0-9]', data):
                session += data.replace(b'\n', b'\r\n') + b'\r\n'
    for mode in (0, 3, 16, 63, 0x80, 0x85):
        seeds.append(('session-%02x' % mode, bytes([mode]) + session))
    # Lines at the limit: 8192 bytes, and one more; LF without CR.
    longest = b'220 ' + b'a' * (8192 - 4)
    seeds.append(('longest-line', bytes([0x80 | 84]) + longest + b'\r\n' + b'200 ok\n'))
    seeds.append(('too-long-line', bytes([0x80 | 84]) + longest + b'a\r\n'))
    seeds.append(('lf-only', bytes([5]) + b'220-a\n b\n220 c\n'))
    return write_seeds('reply', seeds)


def write_commands():
    _, replies = reply_fixtures()
    codes = {0: b'211', 1: b'227', 2: b'229', 3: b'257'}
    names = {0: 'feat', 1: 'pasv', 2: 'epsv', 3: 'pwd'}
    seeds = []
    for which in range(4):
        for i, data in enumerate(replies[which]):
            # As lines through FerryReplyParser (bit 2)...
            seeds.append(('%s-%02d-lines' % (names[which], i), bytes([4 | which]) + data))
            # ...and as the text of ferry_reply_new (the code comes from the parser).
            if data.startswith(codes[which]) and len(data) > 3:
                seeds.append(('%s-%02d-text' % (names[which], i), bytes([which]) + data[4:]))
    return write_seeds('commands', seeds)


# url -------------------------------------------------------------------------------------

def write_url():
    text = read(os.path.join(TESTS, 'test-url.c'))
    seeds = []
    for name in ('url_cases', 'url_error_cases'):
        for i, row in enumerate(rows(table(text, name))):
            found = literals(row)
            if found:
                seeds.append(('%s-%02d' % (name.replace('_cases', ''), i), found[0]))
    for i, row in enumerate(rows(table(text, 'to_string_cases'))):
        found = literals(row)
        if found:
            seeds.append(('written-%02d' % i, found[-1]))
    return write_seeds('url', seeds)


# certificate -----------------------------------------------------------------------------

def openssl(cwd, *args):
    subprocess.run(('openssl',) + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def der(cwd, pem_name):
    out = os.path.join(cwd, pem_name + '.der')
    openssl(cwd, 'x509', '-in', pem_name, '-outform', 'DER', '-out', out)
    with open(out, 'rb') as f:
        return f.read()


def write_certificate():
    """Certificates like the ones tests/test-certificate.c makes (none is committed there)."""
    config = read(os.path.join(TESTS, 'test-certificate.c'))
    config = b''.join(literals(config[config.index('openssl_config[] ='):
                                      config.index('expired_template')]))
    seeds = []
    with tempfile.TemporaryDirectory() as cwd:
        with open(os.path.join(cwd, 'openssl.cnf'), 'wb') as f:
            f.write(config + b'[utf8_ext]\nsubjectAltName = DNS:xn--bcher-kva.example,'
                             b'DNS:*.example.com,IP:192.0.2.1,email:b\xc3\xbccher@example.org\n')
        openssl(cwd, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key',
                '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Ferry Test CA/O=Ferry',
                '-config', 'openssl.cnf', '-extensions', 'ca_ext', '-sha256')
        openssl(cwd, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out',
                'leaf.csr', '-subj', '/CN=localhost/O=Ferry/OU=Tests', '-config', 'openssl.cnf')
        openssl(cwd, 'x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
                '-set_serial', '0x8badf00d', '-out', 'leaf.pem', '-days', '365',
                '-extfile', 'openssl.cnf', '-extensions', 'leaf_ext', '-sha256')
        openssl(cwd, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key',
                '-out', 'self.pem', '-days', '30', '-subj', '/CN=self.example.org',
                '-config', 'openssl.cnf', '-extensions', 'self_ext', '-sha1')
        openssl(cwd, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
                '-nodes', '-keyout', 'ec.key', '-out', 'ec.pem', '-days', '30',
                '-subj', '/CN=ec.example.org', '-config', 'openssl.cnf',
                '-extensions', 'ec_ext')
        openssl(cwd, 'req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', 'ed.key',
                '-out', 'ed.pem', '-days', '30', '-subj', '/CN=ed25519.example.org',
                '-config', 'openssl.cnf')
        openssl(cwd, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384',
                '-nodes', '-keyout', 'utf8.key', '-out', 'utf8.pem', '-days', '30', '-utf8',
                '-subj', '/CN=B\u00fccher \u00e9t\u00e9 \u65e5\u672c/O=Caf\u00e9, "Quoted" \\+ Co',
                '-config', 'openssl.cnf', '-extensions', 'utf8_ext')
        certs = {name: der(cwd, name + '.pem')
                 for name in ('ca', 'leaf', 'self', 'ec', 'ed', 'utf8')}
        pems = {name: read(os.path.join(cwd, name + '.pem')).encode()
                for name in ('ca', 'leaf', 'self', 'utf8')}
    # DER (bit 0 clear), the host name from bits 1-3: 0 localhost, 1 ftp.example.com, ...
    for i, (name, data) in enumerate(sorted(certs.items())):
        seeds.append(('der-%s' % name, bytes([(i % 8) << 1]) + data))
    seeds.append(('der-chain-leaf-ca', bytes([0]) + certs['leaf'] + certs['ca']))
    seeds.append(('der-chain-leaf-ca-self', bytes([4 << 1]) + certs['leaf'] + certs['ca'] +
                  certs['self']))
    for name, data in sorted(pems.items()):
        seeds.append(('pem-%s' % name, bytes([1]) + data))
    return write_seeds('certificate', seeds)


# filezilla -------------------------------------------------------------------------------

def write_filezilla():
    data_dir = os.path.join(TESTS, 'data', 'filezilla')
    seeds = []
    for name in sorted(os.listdir(data_dir)):
        with open(os.path.join(data_dir, name), 'rb') as f:
            seeds.append((name[:-len('.xml')], f.read()))
    text = read(os.path.join(TESTS, 'test-filezilla-import.c'))
    start = text.index('decode[] = {')
    decode = [literals(row)[0] for row in rows(text[start:text.index('};', start)])]
    servers = b''.join(b'<Server><Host>h%d.example.com</Host><Protocol>%d</Protocol>'
                       b'<Type>%d</Type><Logontype>%d</Logontype><User>u%d</User>'
                       b'<Pass encoding="base64">cGFzcw==</Pass><Name>remote %d</Name>'
                       b'<RemoteDir>%s</RemoteDir></Server>\n'
                       % (i, (0, 3, 4, 6)[i % 4], i % 11, i % 5, i, i, d)
                       for i, d in enumerate(decode))
    seeds.append(('remote-dirs', b'<FileZilla3><Servers>\n' + servers +
                  b'</Servers></FileZilla3>\n'))
    nested = b''.join(b'<Folder expanded="1">level %d\n' % i for i in range(5))
    nested += b'<Server><Host>deep.example.com</Host><Logontype>0</Logontype></Server>'
    nested += b'</Folder>' * 5
    seeds.append(('nested-folders', b'<FileZilla3><Servers>' + nested +
                  b'</Servers></FileZilla3>'))
    return write_seeds('filezilla', seeds)


# keyfile ---------------------------------------------------------------------------------

SITES_AS_WRITTEN = '''[Ferry]
version=1

[0b1f2a3c-4d5e-4f60-8a7b-9c0d1e2f3a4b]
name=Work server
folder=Work/Clients
host=ftp.example.com
port=2121
logon=normal
user=alice@example.com
security=explicit
data-protection=private
transfer-mode=passive
ccc=false
min-tls=1.3
remote-dir=/home/alice/My Files
local-dir=/home/alice/web site
charset=ISO-8859-15
timezone-offset=-90
server-type=vms
comments=Line one\\nLine two\\s
parallel-transfers=3

[Folder Work/Empty%20one]
path=Work/Empty one
'''

KNOWN_AS_WRITTEN = '''[ftp.example.com 21]
host=ftp.example.com
port=21
mode=implicit
resumption=works
pins=%(pin)s;
pin.%(pin)s.subject=CN=ftp.example.com
pin.%(pin)s.issuer=CN=Example CA
pin.%(pin)s.not-before=2024-01-01T00:00:00Z
pin.%(pin)s.not-after=2025-01-01T00:00:00Z

[%%3A%%3A1 990]
host=::1
port=990
mode=explicit
resumption=fails
''' % {'pin': 'ab' * 32}


def write_keyfile():
    seeds = [('sites-as-written', b'\0' + SITES_AS_WRITTEN.encode()),
             ('known-as-written', b'\1' + KNOWN_AS_WRITTEN.encode())]
    uuid = '0b1f2a3c-4d5e-4f60-8a7b-9c0d1e2f3a4b'
    for mode, name in ((0, 'test-site-store.c'), (1, 'test-known-servers-file.c')):
        for i, data in enumerate(literals(read(os.path.join(TESTS, name)))):
            # Key files: a group, or what looks like a broken one.
            if b'[' not in data or b'\n' not in data:
                continue
            data = data.replace(b'%s', uuid.encode())
            seeds.append(('%s-%02d' % (('sites', 'known')[mode], i), bytes([mode]) + data))
    return write_seeds('keyfile', seeds)


TARGETS = {
    'listing': write_listing,
    'reply': write_reply,
    'commands': write_commands,
    'url': write_url,
    'certificate': write_certificate,
    'filezilla': write_filezilla,
    'keyfile': write_keyfile,
}


def main():
    names = sys.argv[1:] or list(TARGETS)
    for name in names:
        TARGETS[name]()


if __name__ == '__main__':
    main()
