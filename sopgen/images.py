"""The logo: accept only a PNG or JPEG that an image library can decode."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from sopgen import messages as msg

MAX_LOGO_BYTES = 10 * 1024 * 1024
MAX_LOGO_PIXELS = 40_000_000


class ImageError(ValueError):
    """Why the image cannot be used, in Indonesian."""


def check_image(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a readable PNG/JPEG, else ImageError."""
    if not path.is_file():
        raise ImageError(msg.image_missing())
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise ImageError(msg.image_too_big(MAX_LOGO_BYTES))
    try:
        with Image.open(path) as img:
            if img.format not in {"PNG", "JPEG"}:
                raise ImageError(msg.image_format(img.format or "?"))
            width, height = img.size
            if width * height > MAX_LOGO_PIXELS:
                raise ImageError(msg.image_too_big(MAX_LOGO_BYTES))
            img.verify()
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise ImageError(msg.image_broken()) from err
    return width, height
