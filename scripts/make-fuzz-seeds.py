#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Corpus/<target>/ from the byte vectors and a few hand seeds.

Run from the repository root after the vectors or the harness's type list change; the seeds are
checked in, so CI does not need Python. Each seed is named after the vector it came from.
"""
import gzip, json, os, re, shutil, struct, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.join(ROOT, "Tests/SpacetimeDBTests/Fixtures/vectors")
CORPUS = os.path.join(ROOT, "Fuzz/Corpus")
HARNESS = os.path.join(ROOT, "Fuzz/Harness")


def vectors(name):
    with open(os.path.join(VECTORS, name + ".json")) as f:
        return json.load(f)["vectors"]


def write(target, name, data):
    directory = os.path.join(CORPUS, target)
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, re.sub(r"[^A-Za-z0-9._-]", "_", name)), "wb") as f:
        f.write(bytes(data))


def bsatn_string(text):
    raw = text.encode()
    return struct.pack("<I", len(raw)) + raw


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    v1 = vectors("v1-messages")
    v2 = vectors("v2-messages")
    frames = vectors("frames")
    rows = vectors("quickstart-rows")
    primitives = vectors("bsatn-primitives")

    # Client side.
    for v in frames:
        data = bytes.fromhex(v["hex"])
        if v["type"] == "ServerFrame":
            write("server-frame", v["name"], data)
            write(v["protocol"] + "-server", v["name"], data)
        else:
            write("v3-client", v["name"], data)
    payload = b"hello, " * 40
    write("server-frame", "hand.none", b"\x00" + payload)
    write("server-frame", "hand.gzip", b"\x02" + gzip.compress(payload, mtime=0))
    write("server-frame", "hand.raw_deflate_in_gzip_slot", b"\x02" + zlib.compress(payload))
    write("server-frame", "hand.empty", b"")
    write("server-frame", "hand.unknown_tag", b"\x07abc")
    for v in v1:
        if v["type"] == "ServerMessage":
            write("v1-server", v["name"], b"\x00" + bytes.fromhex(v["hex"]))
        elif v["type"] == "ClientMessage":
            write("v1-client", v["name"], bytes.fromhex(v["hex"]))
    for v in v2:
        if v["type"] == "ServerMessage":
            write("v2-server", v["name"], b"\x00" + bytes.fromhex(v["hex"]))
            write("v3-server", v["name"], b"\x00" + bytes.fromhex(v["hex"]))
        elif v["type"] == "ClientMessage":
            write("v2-client", v["name"], bytes.fromhex(v["hex"]))
            write("v3-client", v["name"], bytes.fromhex(v["hex"]))

    with open(os.path.join(HARNESS, "ClientFuzzTargets.swift")) as f:
        type_names = re.findall(r'\("([^"]+)", \{ roundTrip', f.read())
    for v in primitives + rows + v1 + v2:
        if v["type"] in type_names:
            write("bsatn", v["name"], bytes([type_names.index(v["type"])]) + bytes.fromhex(v["hex"]))

    esc = b"\x1b"
    keys = {
        "arrows": esc + b"[A" + esc + b"[B" + esc + b"OC" + esc + b"OD",
        "home_end_forms": esc + b"[H" + esc + b"[F" + esc + b"[1~" + esc + b"[4~" + esc + b"[7~" + esc + b"[8~",
        "modifiers": esc + b"[1;5H" + esc + b"[1;3F" + esc + b"[3;2~" + esc + b"[Z",
        "function_keys": esc + b"OP" + esc + b"[15~" + esc + b"[24~",
        "alt_and_ctrl": esc + b"b" + esc + b"f" + b"\x01\x05\x17\x7f\x08\t\r",
        "utf8": "café 中文 👍🏻".encode() + b"\xe6\xbc" + b"\xff\xc3",
        "paste": esc + b"[200~line 1\r\nline 2 " + esc + b"[A" + esc + b"[201~after",
        "unfinished_paste": esc + b"[200~abc" + esc + b"[2",
        "mouse_and_private": esc + b"[<0;10;5M" + esc + b"[?1049h" + esc + b"[" + b"9" * 40 + b"~",
        "lone_escapes": esc + esc + esc + b"[" + esc + b"O",
    }
    for index, (name, data) in enumerate(keys.items()):
        write("keys", name, bytes([index]) + data)

    # Host side.
    sql = {
        "users": "SELECT * FROM user",
        "messages": "SELECT * FROM message;",
        "all": "select * from *",
        "quoted": 'SELECT * FROM "user" WHERE "online" = true',
        "name_escape": "SELECT * FROM user WHERE name = 'o''brien' AND online = false",
        "identity_hex": "SELECT * FROM user WHERE identity = 0x" + "c2" * 32,
        "identity_x": "SELECT * FROM message WHERE sender = X'" + "C2" * 32 + "'",
        "sent": "SELECT * FROM message WHERE sent = 1700000000000000",
        "negative": "SELECT * FROM message WHERE sent = -1",
        "unterminated": "SELECT * FROM user WHERE name = 'abc",
        "unknown": "SELECT text FROM message JOIN user",
    }
    for name, text in sql.items():
        write("sql", name, text.encode())

    magic = b"STCHLOG1"

    def record(offset, changes):
        payload = struct.pack("<Q", offset) + struct.pack("<I", len(changes))
        for table, is_insert, row in changes:
            payload += bsatn_string(table) + bytes([1 if is_insert else 0]) + struct.pack("<I", len(row)) + row
        return struct.pack("<II", len(payload), crc32c(payload)) + payload

    users = [bytes.fromhex(v["hex"]) for v in rows if v["type"] == "User"]
    messages = [bytes.fromhex(v["hex"]) for v in rows if v["type"] == "Message"]
    log = magic + record(0, [("user", True, users[0])]) + record(1, [("message", True, m) for m in messages])
    log += record(2, [("user", False, users[0]), ("user", True, users[1])])
    write("commit-log", "three_records", log)
    write("commit-log", "torn_tail", log[:-5])
    write("commit-log", "magic_only", magic)
    write("commit-log", "empty", b"")
    write("commit-log", "bad_magic", b"XXXXXXXX" + log[8:])
    write("commit-log", "unknown_table", magic + record(0, [("nope", True, b"\x00")]))

    key = "dGhlIHNhbXBsZSBub25jZQ=="

    def upgrade(protocol, query="", extra=""):
        return (
            f"GET /v1/database/quickstart-chat/subscribe{query} HTTP/1.1\r\nHost: localhost\r\n"
            f"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Protocol: {protocol}\r\n{extra}\r\n"
        ).encode()

    def masked_frame(payload, opcode=2):
        mask = b"\x11\x22\x33\x44"
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        else:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

    v1_call = next(bytes.fromhex(v["hex"]) for v in v1 if v["name"] == "v1.client.call_reducer.set_name.flags0")
    v2_sub = next(bytes.fromhex(v["hex"]) for v in v2 if v["name"] == "v2.client.subscribe")
    http = {
        "ping": b"GET /v1/ping HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "head_ping": b"HEAD /v1/ping HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "identity": b"POST /v1/identity HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n",
        "websocket_token_malformed": b"POST /v1/identity/websocket-token HTTP/1.1\r\nAuthorization: Bearer a.b.c\r\n\r\n",
        "public_key_keepalive": b"GET /v1/identity/public-key HTTP/1.1\r\n\r\nGET /v1/ping HTTP/1.0\r\n\r\n",
        "schema": b"GET /v1/database/quickstart-chat/schema?version=9&token=x%20y HTTP/1.1\r\n\r\n",
        "subscribe_without_upgrade": b"GET /v1/database/quickstart-chat/subscribe?compression=Gzip HTTP/1.1\r\n\r\n",
        "upgrade_v1_call": upgrade("v1.bsatn.spacetimedb") + masked_frame(v1_call),
        "upgrade_v2_subscribe": upgrade("v2.bsatn.spacetimedb", "?compression=None&light=true") + masked_frame(v2_sub),
        "upgrade_v3_ping_close": upgrade("v3.bsatn.spacetimedb, v2.bsatn.spacetimedb", "?connection_id=" + "ab" * 16)
        + masked_frame(v2_sub) + masked_frame(b"hi", 9) + masked_frame(b"\x03\xe8", 8),
        "upgrade_bad_token": upgrade("v2.bsatn.spacetimedb", extra="Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.e30.AAAA\r\n"),
        "chunked_body": b"POST /v1/identity HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    }
    for name, data in http.items():
        write("http", name, data)

    for target in sorted(os.listdir(CORPUS)):
        print(f"{target}: {len(os.listdir(os.path.join(CORPUS, target)))} seeds")


if __name__ == "__main__":
    main()
