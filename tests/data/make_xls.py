"""Writes scorecard_seed_appendix.xls: the seed appendix as an Excel 97-2003 workbook.

No Rust crate writes .xls, so this fixture comes from xlwt (pip install xlwt). The output is
committed; the tests only read it. Same layout and figures as cchc-datagen's seed appendix:
title lines, a two-row header with the "NĂM 2021" band merged over three columns, seven criteria
with the plan's mixed number styles ("1.00", "33,5"), and the total row.
"""
import os
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


if __name__ == "__main__":
    main()
