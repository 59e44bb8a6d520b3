"""Ed25519 signatures over manifests and channel files.

Key files: ``NAME.key`` is the private key as unencrypted PKCS#8 PEM (mode 0600, keep it off the
kiosks); ``NAME.pub`` is one line, the base64 of the raw 32-byte public key, ready to paste into
``sync.trusted_keys``. A signature file (``*.sig``) is one line: base64 of the 64-byte signature over
the exact bytes of the signed file.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.errors import KioskError


class SignatureError(KioskError):
    """A key is unreadable, or a signature is missing or does not verify."""


def generate_keypair(prefix: Path) -> tuple[Path, Path]:
    """Write ``prefix.key`` and ``prefix.pub``; refuses to overwrite an existing key."""
    key_path, pub_path = prefix.with_name(prefix.name + ".key"), prefix.with_name(prefix.name + ".pub")
    if key_path.exists():
        raise SignatureError(f"{key_path} already exists; not overwriting a private key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    pub_path.write_text(public_key_text(key.public_key()) + "\n", encoding="ascii")
    return key_path, pub_path


def public_key_text(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SignatureError(f"{path}: not a readable Ed25519 private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(f"{path}: not an Ed25519 private key")
    return key


def parse_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError(f"not a base64 Ed25519 public key: {text[:20]!r}...") from exc


def sign(data: bytes, key: Ed25519PrivateKey) -> bytes:
    """The signature file's bytes for ``data``."""
    return base64.b64encode(key.sign(data)) + b"\n"


def verify(data: bytes, signature_file: bytes | None, trusted_keys: list[str], label: str) -> str:
    """Check ``data`` against a ``.sig`` file's bytes; return the key that verified it.

    Raises :class:`SignatureError` naming ``label`` when the signature is missing, malformed, or made
    by none of ``trusted_keys``.
    """
    if signature_file is None:
        raise SignatureError(f"{label}: not signed, but signature keys are configured")
    try:
        sig = base64.b64decode(signature_file.strip(), validate=True)
    except binascii.Error as exc:
        raise SignatureError(f"{label}: signature file is not base64") from exc
    for text in trusted_keys:
        try:
            parse_public_key(text).verify(sig, data)
            return text
        except InvalidSignature:
            continue
    raise SignatureError(f"{label}: signature does not match any trusted key")
