"""The logo: accept only a PNG or JPEG that an image library can decode whole."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from sopgen import messages as msg

MAX_LOGO_BYTES = 10 * 1024 * 1024
# A logo prints about 25 mm wide: 600 px is plenty. 16 megapixels (4096 x 4096)
# decode to 64 MB, which the check and WeasyPrint each hold once.
MAX_LOGO_PIXELS = 16_000_000
_DOCX_JPEG_MARKERS = (b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1")  # JFIF or Exif first


class ImageError(ValueError):
    """Why the image cannot be used, in Indonesian."""


def check_image(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a readable PNG/JPEG, else ImageError.

    The pixel count is checked from the header before anything is decoded;
    then the whole image is decoded, since a header and intact chunk checksums
    do not mean the picture inside can be drawn.
    """
    try:
        if not path.is_file():
            raise ImageError(msg.image_missing())
        info = path.stat()
    except (OSError, RuntimeError) as err:  # a name too long, a loop of links
        raise ImageError(msg.image_path_unusable()) from err
    if info.st_size > MAX_LOGO_BYTES:
        raise ImageError(msg.image_too_big(MAX_LOGO_BYTES))
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _CHECKED:  # validation and layout both ask; decode once
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's English warnings never reach a planner
            size = _decode(path)
        if len(_CHECKED) > 64:
            _CHECKED.clear()
        _CHECKED[key] = size
    return _CHECKED[key]


_CHECKED: dict[tuple[str, int, int], tuple[int, int]] = {}


def _decode(path: Path) -> tuple[int, int]:
    try:
        with Image.open(path, formats=("PNG", "JPEG")) as img:
            width, height = img.size
            if width * height > MAX_LOGO_PIXELS:
                raise ImageError(msg.image_too_many_pixels(MAX_LOGO_PIXELS))
            img.verify()
        with Image.open(path, formats=("PNG", "JPEG")) as img:
            img.load()
    except ImageError:
        raise
    except Image.DecompressionBombError as err:
        raise ImageError(msg.image_too_many_pixels(MAX_LOGO_PIXELS)) from err
    except UnidentifiedImageError as err:
        raise ImageError(_format_problem(path)) from err
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise ImageError(msg.image_not_decodable()) from err
    return width, height


def _format_problem(path: Path) -> str:
    """Another image format, or no image at all."""
    try:
        with Image.open(path) as img:
            return msg.image_format(img.format or "?")
    except (Image.DecompressionBombError, UnidentifiedImageError, OSError, ValueError):
        return msg.image_broken()


def docx_png(path: Path) -> bytes | None:
    """The logo as an RGB PNG when python-docx cannot embed the file itself.

    python-docx recognises a JPEG only by a JFIF or Exif marker; a JPEG
    without one (CMYK JPEGs from print shops, some scanners) is re-encoded
    here, deterministically. None for every other file: it goes in as it is.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if not head.startswith(b"\xff\xd8") or head in _DOCX_JPEG_MARKERS:
        return None
    with warnings.catch_warnings(), Image.open(path) as img:
        warnings.simplefilter("ignore")
        out = io.BytesIO()
        img.convert("RGB").save(out, format="PNG")
    return out.getvalue()
