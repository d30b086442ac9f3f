"""Builds cchc's unit register (the TSV files beside this script) from the public sources of the
2025 reorganisation and from the facts of DOMAIN.md. Run from the repository's root:

    python3 crates/units/data/build.py ../shared/units-2025

Sources (see README.md here for what each gives and its licence):
  dvhcvn/20250701 @ dd94887ce32324380bc5bb0a76fe39867dafc73b (MIT): merges.json, splits.json,
    915_CTK-CSCL.csv
  tranngocminhhieu/vietnamadminunits @ 780c27980afdae76d5c6e7b252955f6b571f34ca, data/raw/ (MIT):
    danhmuchanhchinh.gso.gov.vn_{district,ward}_2025-07-18.csv, sapnhap.bando.com.vn_ward_2025-07-17.csv
  DOMAIN.md, "Units across the 2025 reorganisation": the department and ministry merges of 1/3/2025
    (Nghị định 45/2025/NĐ-CP; Nghị quyết 176/2025/QH15), the province merges of 1/7/2025 (Nghị
    quyết 202/2025/QH15), the end of districts on 30/6/2025.

Keys: a unit is keyed on its code and the day it began (DOMAIN.md: "Key a unit on (code, valid
from)"): `p:75` is old Đồng Nai (until 30/6/2025), `p:75@2025-07-01` the new one; communes `x:CODE`
and `x:CODE@2025-07-01`; districts `h:CODE`. Departments and ministries are typed here and made
per province when the register is loaded (crates/units/src).

The script checks what the issue and DOMAIN.md state (34 and 63 provinces, 3,321 new communes, the
seven provinces whose code comes from another old province, each new commune's predecessors) and
stops on any difference; the Rust tests check the committed files against the sources again.
"""

import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHANGE = "2025-07-01"
END_OLD = "2025-06-30"
DEPT_CHANGE = "2025-03-01"
DEPT_END = "2025-02-28"
CITIES = {"Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
# Old provinces whose seat's code the new province keeps, not the one whose name survives
# (DOMAIN.md): new name -> (its code, the old province of that name and its code).
FOREIGN_CODES = {"Tây Ninh": "80", "Lào Cai": "15", "Bắc Ninh": "24", "Quảng Trị": "44",
                 "Gia Lai": "52", "Đồng Tháp": "82", "An Giang": "91"}


def bare(name):
    """A province's name without its kind: "Tỉnh Đồng Nai" -> "Đồng Nai"."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def province_kind(name):
    return "thành phố" if bare(name) in CITIES else "tỉnh"


def commune_kind(name):
    for kind in ("Phường", "Xã", "Thị trấn", "Đặc khu"):
        if name.lower().startswith(kind.lower() + " "):
            return kind.lower()
    raise SystemExit(f"commune of no kind: {name}")


def write(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            for v in r:
                assert "\t" not in str(v) and "\n" not in str(v), r
            f.write("\t".join(str(v) for v in r) + "\n")
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


def main(src):
    merges = json.load(open(os.path.join(src, "dvhcvn", "merges.json"), encoding="utf-8"))
    splits = json.load(open(os.path.join(src, "dvhcvn", "splits.json"), encoding="utf-8"))
    codes915 = list(csv.DictReader(open(os.path.join(src, "dvhcvn", "915_CTK-CSCL.csv"),
                                        encoding="utf-8-sig")))
    raw = os.path.join(src, "vietnamadminunits")
    gso_wards = list(csv.DictReader(open(os.path.join(raw, "danhmuchanhchinh.gso.gov.vn_ward_2025-07-18.csv"),
                                         encoding="utf-8-sig")))
    gso_districts = list(csv.DictReader(open(os.path.join(raw, "danhmuchanhchinh.gso.gov.vn_district_2025-07-18.csv"),
                                             encoding="utf-8-sig")))
    bando = list(csv.DictReader(open(os.path.join(raw, "sapnhap.bando.com.vn_ward_2025-07-17.csv"),
                                     encoding="utf-8-sig")))

    # --- provinces
    old = {p["level1_id"]: p["name"] for p in splits["data"]}
    new = {p["level1_id"]: p for p in merges["data"]}
    assert len(old) == 63 and len(new) == 34, (len(old), len(new))
    assert sorted(new) == sorted(r["Mã số"] for r in codes915), "915 codes differ from merges.json"
    unchanged = {code for code, p in new.items()
                 if len(p["merges"]) == 1 and p["merges"][0]["old_id"] == code}
    provinces, province_edges = [], []
    new_key = {}
    for code, name in sorted(old.items()):
        ends = "" if code in unchanged else END_OLD
        provinces.append((f"p:{code}", code, bare(name), province_kind(name), "", ends))
    for code, p in sorted(new.items()):
        if code in unchanged:
            new_key[code] = f"p:{code}"
            continue
        key = f"p:{code}@{CHANGE}"
        new_key[code] = key
        provinces.append((key, code, bare(p["name"]), province_kind(p["name"]), CHANGE, ""))
        for m in p["merges"]:
            assert m["type"] == "full", m  # pure unions: no old province is split
            province_edges.append((f"p:{m['old_id']}", key, CHANGE, "full"))
    assert len(unchanged) == 11, sorted(old[c] for c in unchanged)
    # The seven new provinces whose code is another old province's (DOMAIN.md).
    for name, code in FOREIGN_CODES.items():
        p = new[code]
        assert bare(p["name"]) == name, (code, p["name"])
        same_name = [c for c, n in old.items() if bare(n) == name]
        assert same_name and same_name[0] != code, (name, same_name)
    foreign = [bare(p["name"]) for c, p in new.items()
               if c not in unchanged and not any(bare(n) == bare(p["name"]) and oc == c
                                                 for oc, n in old.items())]
    assert sorted(foreign) == sorted(FOREIGN_CODES), foreign
    write("provinces.tsv", ["key", "code", "name", "kind", "valid_from", "valid_to"], provinces)
    write("province_edges.tsv", ["from", "to", "date", "edge"], province_edges)

    # --- districts (end on 30/6/2025; the island districts become đặc khu)
    districts = []
    for d in sorted(gso_districts, key=lambda d: d["Mã"]):
        districts.append((f"h:{d['Mã']}", d["Mã"], d["Tên"], d["Cấp"].lower(), f"p:{d['Mã TP']}", "", END_OLD))
    district_codes = {d[1] for d in districts}
    write("districts.tsv", ["key", "code", "name", "kind", "province", "valid_from", "valid_to"], districts)

    # --- communes
    district_of = {w["Mã"]: w["Mã QH"] for w in gso_wards}
    communes, commune_edges = [], []
    old_codes = set()
    for p in splits["data"]:
        for c in p["level3s"]:
            code = c["level3_id"]
            assert code not in old_codes, code
            old_codes.add(code)
            district = district_of.get(code, "")
            communes.append((f"x:{code}", code, c["name"], commune_kind(c["name"]),
                             f"p:{p['level1_id']}", f"h:{district}" if district else "", "", END_OLD, ""))
    assert len(old_codes) == 10047, len(old_codes)
    population = {r["maxa"].zfill(5): r["dansonguoi"] for r in bando}
    new_codes = set()
    full = partial = 0
    for code, p in sorted(new.items()):
        for c in p["level2s"]:
            ncode = c["level2_id"]
            assert ncode not in new_codes, ncode
            new_codes.add(ncode)
            key = f"x:{ncode}@{CHANGE}"
            communes.append((key, ncode, c["name"], commune_kind(c["name"]), new_key[code], "",
                             CHANGE, "", population.get(ncode, "")))
            for m in c["merges"]:
                if m["old_id"] in district_codes and len(m["old_id"]) == 3:
                    # an island district that became a đặc khu whole
                    commune_edges.append((f"h:{m['old_id']}", key, CHANGE, m["type"]))
                    continue
                assert m["old_id"] in old_codes, m
                commune_edges.append((f"x:{m['old_id']}", key, CHANGE, m["type"]))
                full += m["type"] == "full"
                partial += m["type"] == "partial"
    assert len(new_codes) == 3321, len(new_codes)
    print(f"commune edges: {full} full, {partial} partial", file=sys.stderr)
    # Districts that became a commune whole (the island districts): from splits.json.
    for p in splits["data"]:
        for d in p.get("level2s", []):
            assert d["level2_id"] in district_codes, d
            for s in d["splits"]:
                edge = (f"h:{d['level2_id']}", f"x:{s['new_id']}@{CHANGE}", CHANGE, "full")
                assert edge in commune_edges, edge  # merges.json says it too
    # splits.json must say the same edges seen from the old side.
    seen_from_old = {(f"x:{c['level3_id']}", f"x:{s['new_id']}@{CHANGE}")
                     for p in splits["data"] for c in p["level3s"] for s in c["splits"]}
    from_new = {(a, b) for a, b, _, _ in commune_edges if a.startswith("x:")}
    assert seen_from_old == from_new, (len(seen_from_old ^ from_new))
    # The example of DOMAIN.md: the new Phường Hố Nai is old Tân Hòa + Hố Nai 3; old Hố Nai went
    # into the new Long Bình.
    assert {a for a, b, _, _ in commune_edges if b == f"x:26005@{CHANGE}"} == {"x:26005", "x:26272"}
    assert ("x:26002", f"x:26020@{CHANGE}") in from_new
    write("communes.tsv", ["key", "code", "name", "kind", "province", "district", "valid_from",
                           "valid_to", "population"], communes)
    write("commune_edges.tsv", ["from", "to", "date", "edge"], commune_edges)

    # --- departments and ministries: types, and how they merged on 1/3/2025 (DOMAIN.md)
    so = "so"
    departments = [
        # type, name, aliases, peer group, valid_from, valid_to
        ("noi_vu", "Sở Nội vụ", "", so, "", DEPT_END),
        ("tu_phap", "Sở Tư pháp", "", so, "", ""),
        ("ke_hoach_dau_tu", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT|Sở KHĐT|Sở Kế hoạch - Đầu tư", so, "", DEPT_END),
        ("tai_chinh", "Sở Tài chính", "", so, "", DEPT_END),
        ("cong_thuong", "Sở Công Thương", "Sở Công thương", so, "", ""),
        ("nong_nghiep_ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT|Sở Nông nghiệp và PTNT", so, "", DEPT_END),
        ("giao_thong_van_tai", "Sở Giao thông vận tải", "Sở GTVT|Sở Giao thông Vận tải", so, "", DEPT_END),
        ("xay_dung", "Sở Xây dựng", "", so, "", DEPT_END),
        ("tai_nguyen_moi_truong", "Sở Tài nguyên và Môi trường", "Sở TN&MT|Sở TNMT", so, "", DEPT_END),
        ("thong_tin_truyen_thong", "Sở Thông tin và Truyền thông", "Sở TT&TT|Sở TTTT", so, "", DEPT_END),
        ("lao_dong_tbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH|Sở LĐTBXH|Sở Lao động, Thương binh và Xã hội", so, "", DEPT_END),
        ("van_hoa_the_thao_du_lich", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL|Sở Văn hoá, Thể thao và Du lịch", so, "", ""),
        ("khoa_hoc_cong_nghe", "Sở Khoa học và Công nghệ", "Sở KH&CN|Sở KHCN", so, "", DEPT_END),
        ("giao_duc_dao_tao", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT|Sở GDĐT", so, "", ""),
        ("y_te", "Sở Y tế", "", so, "", ""),
        ("ngoai_vu", "Sở Ngoại vụ", "", so, "", ""),
        ("thanh_tra", "Thanh tra tỉnh", "Thanh tra", so, "", ""),
        ("van_phong_ubnd", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh|VP UBND tỉnh|Văn phòng UBND", so, "", ""),
        ("ban_dan_toc", "Ban Dân tộc", "", so, "", DEPT_END),
        ("ban_quan_ly_kcn", "Ban Quản lý các khu công nghiệp", "Ban Quản lý các KCN", so, "", ""),
        # From 1/3/2025: the departments that absorbed others are new units keeping a name.
        ("noi_vu@2025-03-01", "Sở Nội vụ", "", so, DEPT_CHANGE, ""),
        ("tai_chinh@2025-03-01", "Sở Tài chính", "", so, DEPT_CHANGE, ""),
        ("nong_nghiep_moi_truong", "Sở Nông nghiệp và Môi trường", "Sở NN&MT|Sở NNMT", so, DEPT_CHANGE, ""),
        ("xay_dung@2025-03-01", "Sở Xây dựng", "", so, DEPT_CHANGE, ""),
        ("khoa_hoc_cong_nghe@2025-03-01", "Sở Khoa học và Công nghệ", "Sở KH&CN|Sở KHCN", so, DEPT_CHANGE, ""),
        ("dan_toc_ton_giao", "Sở Dân tộc và Tôn giáo", "", so, DEPT_CHANGE, ""),
    ]
    department_edges = [
        ("ke_hoach_dau_tu", "tai_chinh@2025-03-01", DEPT_CHANGE, "full"),
        ("tai_chinh", "tai_chinh@2025-03-01", DEPT_CHANGE, "full"),
        ("giao_thong_van_tai", "xay_dung@2025-03-01", DEPT_CHANGE, "full"),
        ("xay_dung", "xay_dung@2025-03-01", DEPT_CHANGE, "full"),
        ("tai_nguyen_moi_truong", "nong_nghiep_moi_truong", DEPT_CHANGE, "full"),
        ("nong_nghiep_ptnt", "nong_nghiep_moi_truong", DEPT_CHANGE, "full"),
        ("thong_tin_truyen_thong", "khoa_hoc_cong_nghe@2025-03-01", DEPT_CHANGE, "full"),
        ("khoa_hoc_cong_nghe", "khoa_hoc_cong_nghe@2025-03-01", DEPT_CHANGE, "full"),
        ("lao_dong_tbxh", "noi_vu@2025-03-01", DEPT_CHANGE, "full"),
        ("noi_vu", "noi_vu@2025-03-01", DEPT_CHANGE, "partial"),  # its religion unit went to Dân tộc và Tôn giáo
        ("noi_vu", "dan_toc_ton_giao", DEPT_CHANGE, "partial"),
        ("ban_dan_toc", "dan_toc_ton_giao", DEPT_CHANGE, "full"),
    ]
    write("departments.tsv", ["type", "name", "aliases", "peer_group", "valid_from", "valid_to"], departments)
    write("department_edges.tsv", ["from", "to", "date", "edge"], department_edges)
    ministries = [
        ("bo_ke_hoach_dau_tu", "Bộ Kế hoạch và Đầu tư", "", DEPT_END),
        ("bo_tai_chinh", "Bộ Tài chính", "", DEPT_END),
        ("bo_tai_chinh@2025-03-01", "Bộ Tài chính", DEPT_CHANGE, ""),
        ("bo_giao_thong_van_tai", "Bộ Giao thông vận tải", "", DEPT_END),
        ("bo_xay_dung", "Bộ Xây dựng", "", DEPT_END),
        ("bo_xay_dung@2025-03-01", "Bộ Xây dựng", DEPT_CHANGE, ""),
        ("bo_tai_nguyen_moi_truong", "Bộ Tài nguyên và Môi trường", "", DEPT_END),
        ("bo_nong_nghiep_ptnt", "Bộ Nông nghiệp và Phát triển nông thôn", "", DEPT_END),
        ("bo_nong_nghiep_moi_truong", "Bộ Nông nghiệp và Môi trường", DEPT_CHANGE, ""),
        ("bo_thong_tin_truyen_thong", "Bộ Thông tin và Truyền thông", "", DEPT_END),
        ("bo_khoa_hoc_cong_nghe", "Bộ Khoa học và Công nghệ", "", DEPT_END),
        ("bo_khoa_hoc_cong_nghe@2025-03-01", "Bộ Khoa học và Công nghệ", DEPT_CHANGE, ""),
        ("bo_lao_dong_tbxh", "Bộ Lao động - Thương binh và Xã hội", "", DEPT_END),
        ("bo_noi_vu", "Bộ Nội vụ", "", DEPT_END),
        ("bo_noi_vu@2025-03-01", "Bộ Nội vụ", DEPT_CHANGE, ""),
        ("uy_ban_dan_toc", "Ủy ban Dân tộc", "", DEPT_END),
        ("bo_dan_toc_ton_giao", "Bộ Dân tộc và Tôn giáo", DEPT_CHANGE, ""),
        ("bo_tu_phap", "Bộ Tư pháp", "", ""),
        ("bo_cong_thuong", "Bộ Công Thương", "", ""),
        ("bo_y_te", "Bộ Y tế", "", ""),
        ("bo_giao_duc_dao_tao", "Bộ Giáo dục và Đào tạo", "", ""),
        ("bo_van_hoa_the_thao_du_lich", "Bộ Văn hóa, Thể thao và Du lịch", "", ""),
        ("bo_ngoai_giao", "Bộ Ngoại giao", "", ""),
        ("bo_quoc_phong", "Bộ Quốc phòng", "", ""),
        ("bo_cong_an", "Bộ Công an", "", ""),
        ("ngan_hang_nha_nuoc", "Ngân hàng Nhà nước Việt Nam", "", ""),
        ("thanh_tra_chinh_phu", "Thanh tra Chính phủ", "", ""),
        ("van_phong_chinh_phu", "Văn phòng Chính phủ", "", ""),
    ]
    ministry_edges = [
        ("bo_ke_hoach_dau_tu", "bo_tai_chinh@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_tai_chinh", "bo_tai_chinh@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_giao_thong_van_tai", "bo_xay_dung@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_xay_dung", "bo_xay_dung@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_tai_nguyen_moi_truong", "bo_nong_nghiep_moi_truong", DEPT_CHANGE, "full"),
        ("bo_nong_nghiep_ptnt", "bo_nong_nghiep_moi_truong", DEPT_CHANGE, "full"),
        ("bo_thong_tin_truyen_thong", "bo_khoa_hoc_cong_nghe@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_khoa_hoc_cong_nghe", "bo_khoa_hoc_cong_nghe@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_lao_dong_tbxh", "bo_noi_vu@2025-03-01", DEPT_CHANGE, "full"),
        ("bo_noi_vu", "bo_noi_vu@2025-03-01", DEPT_CHANGE, "partial"),
        ("bo_noi_vu", "bo_dan_toc_ton_giao", DEPT_CHANGE, "partial"),
        ("uy_ban_dan_toc", "bo_dan_toc_ton_giao", DEPT_CHANGE, "full"),
    ]
    write("ministries.tsv", ["key", "name", "valid_from", "valid_to"], ministries)
    write("ministry_edges.tsv", ["from", "to", "date", "edge"], ministry_edges)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "..", "shared", "units-2025"))
