"""Carve JPEG streams out of container files such as Enlightenment's .edj archives.

An .edj file is an Eet archive whose image entries, when stored lossy, are plain baseline or
progressive JPEG streams. This module finds each stream by its SOI marker, walks the marker
segments to the matching EOI marker, and keeps only streams that decode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

SOI = b"\xff\xd8"
EOI_CODE = 0xD9
SOS_CODE = 0xDA

# Markers that stand alone, without a two-byte length: TEM and RST0..RST7 (ITU T.81, table B.1).
_STANDALONE_CODES = {0x01, *range(0xD0, 0xD8)}


@dataclass(frozen=True)
class CarvedJpeg:
    """One JPEG stream found in a container: its byte range and decoded size."""

    offset: int
    data: bytes
    width: int
    height: int


def find_stream_end(buffer: bytes, start: int) -> int | None:
    """Return the offset just past the EOI marker of the JPEG stream that starts at `start`.

    Walks the marker segments by their lengths, so an EXIF thumbnail inside APP1 is skipped
    rather than mistaken for the end. Inside entropy-coded data, FF 00 is a stuffed byte and
    FF D0..D7 are restart markers. Returns None when the stream is truncated or malformed.
    """
    if buffer[start:start + 2] != SOI:
        return None
    position = start + 2
    length = len(buffer)

    while position + 2 <= length:
        if buffer[position] != 0xFF:
            return None
        code = buffer[position + 1]
        if code == 0xFF:
            position += 1  # fill byte before a marker
            continue
        if code == EOI_CODE:
            return position + 2
        if code in _STANDALONE_CODES:
            position += 2
            continue

        if position + 4 > length:
            return None
        segment_length = int.from_bytes(buffer[position + 2:position + 4], "big")
        if segment_length < 2:
            return None
        position += 2 + segment_length
        if code != SOS_CODE:
            continue

        # Entropy-coded data follows the scan header and ends at the next real marker.
        while position + 1 < length:
            if buffer[position] == 0xFF and buffer[position + 1] != 0x00 \
                    and not 0xD0 <= buffer[position + 1] <= 0xD7:
                break
            position += 1
        else:
            return None
    return None


def carve_jpegs(buffer: bytes) -> list[CarvedJpeg]:
    """Return every JPEG stream in `buffer` that decodes fully, in file order.

    A stream nested inside another (an EXIF thumbnail) is not returned separately, because the
    search resumes after the end of each stream it accepts.
    """
    streams: list[CarvedJpeg] = []
    search_from = 0

    while True:
        start = buffer.find(SOI + b"\xff", search_from)
        if start < 0:
            return streams
        end = find_stream_end(buffer, start)
        if end is None:
            search_from = start + 2
            continue

        data = buffer[start:end]
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                width, height = image.size
        except (OSError, ValueError, Image.DecompressionBombError):
            search_from = start + 2
            continue

        streams.append(CarvedJpeg(offset=start, data=data, width=width, height=height))
        search_from = end
