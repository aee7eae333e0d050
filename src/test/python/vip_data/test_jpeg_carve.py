import io

from PIL import Image

from vip_data.jpeg_carve import carve_jpegs, find_stream_end


def jpeg_bytes(width, height, color, **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


def with_app1_payload(jpeg, payload):
    # An APP1 segment right after SOI, as an EXIF block carrying a thumbnail would be.
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:2] + segment + jpeg[2:]


def test_carve_finds_each_stream_with_offset_and_size():
    first = jpeg_bytes(40, 30, "red")
    second = jpeg_bytes(24, 48, "blue", progressive=True)
    container = b"EET\x00header" + first + b"\x00" * 17 + second + b"trailer"

    streams = carve_jpegs(container)

    assert [(s.width, s.height) for s in streams] == [(40, 30), (24, 48)]
    assert streams[0].offset == container.index(first)
    assert streams[0].data == first
    assert streams[1].data == second


def test_carve_skips_truncated_stream():
    whole = jpeg_bytes(32, 32, "green")
    truncated = jpeg_bytes(32, 32, "white")[:-200]

    streams = carve_jpegs(truncated + b"\x00\x00" + whole)

    assert [s.data for s in streams] == [whole]


def test_carve_does_not_split_stream_at_embedded_thumbnail():
    thumbnail = jpeg_bytes(8, 8, "yellow")
    outer = with_app1_payload(jpeg_bytes(64, 48, "navy"), b"Exif\x00\x00" + thumbnail)

    streams = carve_jpegs(b"junk" + outer)

    assert len(streams) == 1
    assert (streams[0].width, streams[0].height) == (64, 48)
    assert streams[0].data == outer


def test_stream_end_is_none_without_soi():
    assert find_stream_end(b"\x00\x01\x02\x03", 0) is None
