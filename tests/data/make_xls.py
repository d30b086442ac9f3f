"""Writes the .xls fixtures: scorecard_seed_appendix.xls (the seed appendix as an Excel 97-2003
workbook), scorecard_stray_b65535.xls (the same with a stray cell at B65535), scorecard_seed_appendix_tcvn3.xls (the same in TCVN3 text and .Vn fonts, as workbooks
made before Unicode hold it, with the remedy column left in Unicode) and procedures_messy.xls (the
messy procedure statistics of procedures_messy.xlsx). TCVN3 text comes from
`cchc-datagen encode tcvn3` (run: cargo run -p cchc-datagen -- encode tcvn3), so the code table
lives in one place.

No Rust crate writes .xls, so this fixture comes from xlwt (pip install xlwt). The output is
committed; the tests only read it. Same layout and figures as cchc-datagen's seed appendix:
title lines, a two-row header with the "NĂM 2021" band merged over three columns, seven criteria
with the plan's mixed number styles ("1.00", "33,5"), and the total row.
"""
import os
import subprocess
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))

CRITERIA = [
    ("Thực hiện các nhiệm vụ được UBND Tỉnh, Chủ tịch UBND Tỉnh giao trên phần mềm giao việc.", "1.00", "0.50", "Có 01 nhiệm vụ trễ hạn."),
    ("100% công chức, viên chức chưa lập hồ sơ công việc.", "0.50", 0, "Công chức, viên chức của Sở chưa lập hồ sơ công việc."),
    ("Thực hiện tinh giản biên chế theo quy định.", "0.50", 0, "Không có trường hợp thực hiện tinh giản biên chế theo quy định."),
    ("Thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức.", "1.00", "0.83", "Chưa hoàn thành 02 chỉ tiêu."),
    ("Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận qua dịch vụ bưu chính công ích.", "1.00", "0.50", "Chỉ đạt 11,3% so với quy định là 20%."),
    ("Sự hài lòng của tổ chức, người dân, doanh nghiệp đối với hoạt động của Sở.", "33,5", "28,61", "Do sự đánh giá của các đối tượng được khảo sát."),
    ("Hoàn thành từ 80% - 100% kế hoạch cải cách hành chính.", 2, 0, "Tổ chấm điểm của Tỉnh chấm không đạt."),
]


def main():
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Phụ lục")
    ws.write_merge(0, 0, 0, 5, "Phụ lục")
    ws.write_merge(1, 1, 0, 5, "NHỮNG NHIỆM VỤ, NỘI DUNG CẢI CÁCH HÀNH CHÍNH CHƢA HOÀN THÀNH")
    ws.write_merge(2, 2, 0, 5, "HOẶC HOÀN THÀNH NHƢNG KẾT QUẢ CHƢA CAO SO VỚI YÊU CẦU TRONG NĂM 2021")
    ws.write_merge(3, 3, 0, 5, "(Kèm theo Kế hoạch số: 925/KH-SKHĐT ngày 12 tháng 4 năm 2022 của Sở Kế hoạch và Đầu tư)")
    ws.write_merge(5, 6, 0, 0, "STT")
    ws.write_merge(5, 6, 1, 1, "TÊN TIÊU CHÍ")
    ws.write_merge(5, 5, 2, 4, "NĂM 2021")
    ws.write_merge(5, 6, 5, 5, "GIẢI PHÁP KHẮC PHỤC TRONG NĂM 2022")
    ws.write(6, 2, "Điểm chuẩn")
    ws.write(6, 3, "Điểm đạt đƣợc")
    ws.write(6, 4, "Lý do")
    for i, (name, max_score, score, reason) in enumerate(CRITERIA):
        r = 7 + i
        ws.write(r, 0, i + 1)
        ws.write(r, 1, name)
        ws.write(r, 2, max_score)
        ws.write(r, 3, score)
        ws.write(r, 4, reason)
        ws.write(r, 5, "Khắc phục trong năm 2022.")
    ws.write_merge(14, 14, 0, 1, "Tổng")
    ws.write(14, 2, "39,5")
    ws.write(14, 3, "30,44")
    wb.save(os.path.join(HERE, "scorecard_seed_appendix.xls"))
    # The same workbook with a stray mark at B65535, one row above the last the format allows,
    # as the Ministry of Finance's budget workbooks of 2011-2013 carry one: BIFF's grid bounds
    # it, so it is read (and warned about), not refused.
    ws.write(65534, 1, "x")
    wb.save(os.path.join(HERE, "scorecard_stray_b65535.xls"))
    scorecard_tcvn3()
    procedures_messy()


def tcvn3(texts):
    """The texts in TCVN3, through cchc-datagen's encoder."""
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "cchc-datagen", "--", "encode", "tcvn3"],
        input="\n".join(texts) + "\n", capture_output=True, text=True, check=True, cwd=HERE,
    ).stdout
    return out.split("\n")[: len(texts)]


def scorecard_tcvn3():
    """scorecard_seed_appendix_tcvn3.xls: the seed appendix typed in TCVN3 with .VnTime fonts.

    Capitals come from the "H" font (.VnTimeH shows lower-case codes as capitals), so the title and
    header lines are written in lower case in that font; the criteria and reasons keep their case
    in .VnTime; the remedy column stays Unicode in Times New Roman (a sheet mixing both)."""
    body = xlwt.easyxf("font: name .VnTime")
    caps = xlwt.easyxf("font: name .VnTimeH")
    unicode = xlwt.easyxf("font: name Times New Roman")
    titles = [
        "phụ lục",
        "những nhiệm vụ, nội dung cải cách hành chính chưa hoàn thành",
        "hoặc hoàn thành nhưng kết quả chưa cao so với yêu cầu trong năm 2021",
    ]
    unit_line = "(Kèm theo Kế hoạch số: 925/KH-SKHĐT ngày 12 tháng 4 năm 2022 của Sở Kế hoạch và Đầu tư)"
    headers = ["stt", "tên tiêu chí", "năm 2021", "giải pháp khắc phục trong năm 2022",
               "điểm chuẩn", "điểm đạt được", "lý do", "tổng"]
    names = [c[0] for c in CRITERIA]
    reasons = [c[3] for c in CRITERIA]
    encoded = tcvn3(titles + [unit_line] + headers + names + reasons)
    t, rest = encoded[:3], encoded[3:]
    unit_line, rest = rest[0], rest[1:]
    h, rest = rest[:8], rest[8:]
    names, reasons = rest[:7], rest[7:14]
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Phụ lục")
    ws.write_merge(0, 0, 0, 5, t[0], caps)
    ws.write_merge(1, 1, 0, 5, t[1], caps)
    ws.write_merge(2, 2, 0, 5, t[2], caps)
    ws.write_merge(3, 3, 0, 5, unit_line, body)
    ws.write_merge(5, 6, 0, 0, h[0], caps)
    ws.write_merge(5, 6, 1, 1, h[1], caps)
    ws.write_merge(5, 5, 2, 4, h[2], caps)
    ws.write_merge(5, 6, 5, 5, h[3], caps)
    ws.write(6, 2, h[4], caps)
    ws.write(6, 3, h[5], caps)
    ws.write(6, 4, h[6], caps)
    for i, (_, max_score, score, _) in enumerate(CRITERIA):
        r = 7 + i
        ws.write(r, 0, i + 1, body)
        ws.write(r, 1, names[i], body)
        ws.write(r, 2, max_score, body)
        ws.write(r, 3, score, body)
        ws.write(r, 4, reasons[i], body)
        ws.write(r, 5, "Khắc phục trong năm 2022.", unicode)
    ws.write_merge(14, 14, 0, 1, h[7], caps)
    ws.write(14, 2, "39,5", body)
    ws.write(14, 3, "30,44", body)
    wb.save(os.path.join(HERE, "scorecard_seed_appendix_tcvn3.xls"))


# The rows of cchc-datagen's fixtures::PROCEDURES_MESSY (procedures_messy.xlsx), the same table.
PROCEDURES = [
    ["1", "1.000101", "Đăng ký tổ chức hội chợ, triển lãm thương mại", "10 ngày làm việc", "Toàn trình", "100", "40", "50", "10", "98", "60", "30", "8", "3,5"],
    ["2", "1.000102", "Thay đổi nội dung đăng ký hội chợ", "5", "Một phần", "30", "3", "27", "-", "31", "10", "20", "0", "4"],
    ["3", "1.00012", "Mã sai: thiếu một chữ số", "5", None, "4", "1", "3", "-", "4", "4", "-", "-", "2"],
    ["4", "1.000104", "Số hồ sơ ghi bằng chữ", "5", None, "nhiều", None, None, None, None, None, None, None, None],
    ["5", "1.000101", "Trùng mã với dòng đầu", "5", None, "1", "1", "-", "-", "1", "1", "-", "-", "1"],
    ["6", None, "Thiếu mã thủ tục", "5", None, "7", "-", "7", "-", "7", "7", "-", "-", "1"],
    ["II", None, "Lĩnh vực Quản lý cạnh tranh", None, None, None, None, None, None, None, None, None, None, None],
    ["7", "1.000105", '=HYPERLINK("http://example.com","Bấm vào đây")', "15", None, "-", "-", "-", "-", "-", "-", "-", "-", None],
]


def procedures_messy():
    """procedures_messy.xls: the messy procedure statistics of procedures_messy.xlsx, as .xls."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Năm 2024")
    ws.write(0, 0, "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM 2024")
    ws.write(1, 0, "Đơn vị: Sở Công Thương")
    for c, h in [(0, "STT"), (1, "Mã TTHC"), (2, "Tên thủ tục hành chính"), (3, "Thời hạn giải quyết"),
                 (4, "Mức độ DVC trực tuyến"), (13, "Thời gian thực tế bình quân (ngày)")]:
        ws.write_merge(3, 4, c, c, h)
    ws.write_merge(3, 3, 5, 8, "Số hồ sơ tiếp nhận")
    ws.write_merge(3, 3, 9, 12, "Kết quả giải quyết")
    for i, h in enumerate(["Tổng số", "Trực tuyến", "Trực tiếp", "Bưu chính công ích"]):
        ws.write(4, 5 + i, h)
    for i, h in enumerate(["Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn"]):
        ws.write(4, 9 + i, h)
    for c in range(14):
        ws.write(5, c, "(%d)" % (c + 1))
    ws.write(6, 0, "I")
    ws.write(6, 2, "Lĩnh vực Xúc tiến thương mại")
    ws.write(6, 5, 130)
    ws.write(6, 9, 129)
    for i, values in enumerate(PROCEDURES):
        r = 7 + i
        for c, v in enumerate(values):
            if v is None:
                continue
            if c not in (1, 2) and v.isdigit():
                ws.write(r, c, int(v))
            else:
                ws.write(r, c, v)
    r = 7 + len(PROCEDURES) + 1
    ws.write(r, 2, "Tổng cộng")
    ws.write(r, 5, 999)
    ws.write(r + 2, 9, "GIÁM ĐỐC")
    wb.save(os.path.join(HERE, "procedures_messy.xls"))


if __name__ == "__main__":
    main()
