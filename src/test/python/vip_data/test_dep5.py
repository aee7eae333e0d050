import pytest

from vip_data.dep5 import find_stanza, parse_copyright

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: example

Files: *
Copyright: 2010-2012 First team
           2012-2022 Second team
License: LGPL-2.1+

Files: nature/Aqua.jpg
       nature/Garden.jpg
Copyright: 2008, Charles Example
License: GPL-2+
Comment: Holders are in AUTHORS.

License: GPL-2+
 Full text of the licence.
"""


def test_parse_reads_files_paragraphs_only():
    stanzas = parse_copyright(COPYRIGHT)

    assert len(stanzas) == 2
    assert stanzas[0].patterns == ("*",)
    assert stanzas[0].copyright == "2010-2012 First team; 2012-2022 Second team"
    assert stanzas[1].patterns == ("nature/Aqua.jpg", "nature/Garden.jpg")
    assert stanzas[1].license == "GPL-2+"


def test_last_matching_paragraph_wins():
    stanzas = parse_copyright(COPYRIGHT)

    assert find_stanza(stanzas, "nature/Garden.jpg").license == "GPL-2+"
    assert find_stanza(stanzas, "wallpapers/fog.jpg").license == "LGPL-2.1+"


def test_uncovered_path_raises():
    stanzas = parse_copyright(COPYRIGHT.split("Files: *")[0] + COPYRIGHT.split("License: LGPL-2.1+\n\n")[1])

    with pytest.raises(LookupError, match="wallpapers/fog.jpg"):
        find_stanza(stanzas, "wallpapers/fog.jpg")
