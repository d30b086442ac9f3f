# %% [markdown]
# # Thủ tục hành chính: tỷ lệ phục vụ so với mục tiêu, danh sách đơn giản hoá, giả định khác
#
# Đọc thống kê hồ sơ từ kho (polars), tính tỷ lệ đúng hạn và tỷ lệ qua bưu chính công ích theo
# đơn vị và năm, so với mục tiêu (100% đúng hạn, ≥ 20% BCCI), rồi xem danh sách đề xuất của
# `cchc procedures simplify` và thử một ngưỡng khác cho quy tắc trễ hạn.

# %%
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import polars as pl

from common import cchc_json, table

stats = pl.scan_parquet(table("procedures"), hive_partitioning=True).collect()
by_unit = (
    stats.group_by("unit", "year")
    .agg(
        pl.col("received").sum(),
        pl.col("received_postal").sum().alias("postal"),
        (pl.col("resolved_early").fill_null(0) + pl.col("resolved_on_time").fill_null(0)).sum().alias("in_time"),
        pl.col("resolved").sum(),
        pl.col("resolved_late").sum().alias("late"),
    )
    .with_columns(
        (pl.col("postal") / pl.col("received")).alias("postal_share"),
        (pl.col("in_time") / pl.col("resolved")).alias("on_time_rate"),
    )
    .sort("unit", "year")
)
by_unit

# %% [markdown]
# ## Đúng hạn và BCCI so với mục tiêu

# %%
fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
for u, rows in by_unit.group_by("unit"):
    a.plot(rows["year"], rows["on_time_rate"] * 100, marker="o", label=u[0])
    b.plot(rows["year"], rows["postal_share"] * 100, marker="o", label=u[0])
a.axhline(100, color="grey", linestyle="--")
b.axhline(20, color="grey", linestyle="--")
a.set_title("Tỷ lệ giải quyết đúng hạn (%)")
b.set_title("Tỷ lệ tiếp nhận qua BCCI (%) — mục tiêu 20%")
for ax in (a, b):
    ax.set_xlabel("Năm")
    ax.legend(fontsize=7)
fig.tight_layout()

ours = {(r["unit"], r["year"]): r for r in cchc_json("procedures", "stats", "--by", "unit")}
# The same unit-years on both sides, then each one's dossiers.
assert set(ours) == {(r["unit"], r["year"]) for r in by_unit.iter_rows(named=True)}
compared = 0
for row in by_unit.iter_rows(named=True):
    theirs = ours[(row["unit"], row["year"])]
    assert theirs["received"] == row["received"], (row, theirs)
    compared += 1
print(f"{compared} đơn vị-năm khớp với cchc procedures stats --by unit")

# %% [markdown]
# ## Danh sách đề xuất đơn giản hoá và một giả định khác về ngưỡng trễ hạn
#
# `cchc procedures simplify` đề xuất theo bộ quy tắc mặc định (`cchc procedures rules`). Ở đây
# đếm lại: nếu chỉ coi là "trễ nhiều" khi tỷ lệ trễ hạn trên 10% thay vì mặc định, bao nhiêu thủ
# tục vẫn vượt ngưỡng?

# %%
proposals = pl.DataFrame(cchc_json("procedures", "simplify"))
print(proposals.select("unit", "code", "name", "late_rate", "estimated_saving").head(10))
late = stats.filter(pl.col("resolved") > 0).with_columns(
    (pl.col("resolved_late") / pl.col("resolved")).alias("late_rate")
)
for threshold in (0.05, 0.10, 0.20):
    n = late.filter(pl.col("late_rate") > threshold).height
    print(f"tỷ lệ trễ hạn > {threshold:.0%}: {n} thủ tục-năm")
