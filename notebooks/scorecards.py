# %% [markdown]
# # Chỉ số CCHC: điểm mất, Pareto và xu hướng
#
# Đọc trực tiếp kho Parquet mà `cchc` ghi (polars, đọc theo phân vùng `year=`), tính điểm mất
# theo lĩnh vực và tổng điểm theo đơn vị qua các năm, rồi đối chiếu với `cchc scorecard trend`.
# Chỉ cộng các tiêu chí lá (`is_leaf`): dòng cha mang tổng phụ, không bao giờ cộng thêm.

# %%
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import polars as pl

from common import cchc_json, table

scorecard = pl.scan_parquet(table("scorecard"), hive_partitioning=True).collect()
leaves = scorecard.filter(pl.col("is_leaf"))
leaves.head()

# %% [markdown]
# ## Điểm mất theo lĩnh vực (Pareto) của một đơn vị, năm gần nhất

# %%
unit = leaves["unit"].unique().sort()[0]
year = leaves.filter(pl.col("unit") == unit)["year"].max()
by_field = (
    leaves.filter((pl.col("unit") == unit) & (pl.col("year") == year))
    .group_by("field_code")
    .agg(
        (pl.col("max_score") - pl.col("score")).sum().alias("diem_mat"),
        pl.col("criterion").first().alias("tieu_chi"),
    )
    .sort("diem_mat", descending=True)
)
by_field = by_field.with_columns(
    (pl.col("diem_mat").cum_sum() / pl.col("diem_mat").sum()).alias("cong_don")
)
fig, ax = plt.subplots(figsize=(9, 4))
ax.bar(by_field["field_code"].cast(pl.String), by_field["diem_mat"], color="#c0392b")
ax2 = ax.twinx()
ax2.plot(by_field["field_code"].cast(pl.String), by_field["cong_don"] * 100, marker="o", color="#34495e")
ax.set_title(f"Điểm mất theo lĩnh vực — {unit}, {year}")
ax.set_xlabel("Lĩnh vực")
ax.set_ylabel("Điểm mất")
ax2.set_ylabel("Cộng dồn (%)")
fig.tight_layout()
by_field

# %% [markdown]
# ## Tổng điểm theo đơn vị qua các năm — và đối chiếu với `cchc`

# %%
totals = (
    leaves.group_by("unit", "year")
    .agg(pl.col("max_score").sum().alias("max_total"), pl.col("score").sum().alias("score_total"))
    .with_columns((pl.col("score_total") / pl.col("max_total")).alias("attainment"))
    .sort("unit", "year")
)
fig, ax = plt.subplots(figsize=(9, 4))
for u, rows in totals.group_by("unit"):
    ax.plot(rows["year"], rows["attainment"] * 100, marker="o", label=u[0])
ax.set_title("Tỷ lệ điểm đạt theo đơn vị")
ax.set_xlabel("Năm")
ax.set_ylabel("Tỷ lệ điểm đạt (%)")
ax.legend()
fig.tight_layout()

trend = cchc_json("scorecard", "trend")
ours = {(r["unit"], r["year"]): r["score_total"] for r in trend}
# The same unit-years on both sides, then each total.
assert set(ours) == {(r["unit"], r["year"]) for r in totals.iter_rows(named=True)}
compared = 0
for row in totals.iter_rows(named=True):
    assert abs(ours[(row["unit"], row["year"])] - row["score_total"]) < 1e-9, row
    compared += 1
print(f"{compared} tổng điểm khớp với cchc scorecard trend")
