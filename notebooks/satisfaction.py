# %% [markdown]
# # Mức độ hài lòng: chỉ số theo yếu tố và năm, khoảng tin cậy, Likert
#
# Đọc câu trả lời từ kho (DuckDB, đọc theo phân vùng `year=`). Chỉ số = số câu trả lời mức 4–5 /
# số câu trả lời hợp lệ. Khoảng tin cậy lấy từ `cchc survey index`, vì nó coi mỗi người trả lời
# là một cụm (một người trả lời nhiều câu, các câu của cùng một người tương quan với nhau).

# %%
import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from common import cchc_json, table

con = duckdb.connect()
answers = f"read_parquet('{table('survey_answers')}/*/*.parquet', hive_partitioning = true)"
index = con.sql(
    f"""
    SELECT year, unit, element,
           count(*) AS valid_answers,
           sum(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) AS satisfied,
           sum(CASE WHEN answer >= 4 THEN 1 ELSE 0 END) / count(*) AS idx
    FROM {answers}
    WHERE status = 'valid'
    GROUP BY ALL
    ORDER BY unit, element, year
    """
).pl()
index.head()

# %% [markdown]
# ## Chỉ số theo yếu tố và năm, với khoảng tin cậy 95% của `cchc`

# %%
ours = cchc_json("survey", "index", "--by", "element")
unit = ours[0]["unit"]
fig, ax = plt.subplots(figsize=(10, 4))
for element in sorted({r["group"] for r in ours if r["unit"] == unit}):
    rows = sorted((r for r in ours if r["unit"] == unit and r["group"] == element), key=lambda r: r["year"])
    years = [r["year"] for r in rows]
    ax.errorbar(
        years,
        [r["index"] * 100 for r in rows],
        yerr=[
            [(r["index"] - r["ci_low"]) * 100 for r in rows],
            [(r["ci_high"] - r["index"]) * 100 for r in rows],
        ],
        marker="o",
        capsize=4,
        label=element,
    )
ax.set_title(f"Chỉ số hài lòng theo yếu tố — {unit}")
ax.set_xlabel("Năm")
ax.set_ylabel("Tỷ lệ hài lòng (%)")
ax.legend(fontsize=7)
fig.tight_layout()

# The same counts as cchc's: every group's valid and satisfied answers.
mine = {(r["year"], r["unit"], r["element"]): (r["valid_answers"], r["satisfied"]) for r in index.iter_rows(named=True)}
# The same groups on both sides, then each group's counts.
assert set(mine) == {(r["year"], r["unit"], r["group"]) for r in ours}
compared = 0
for r in ours:
    assert mine[(r["year"], r["unit"], r["group"])] == (r["valid_answers"], r["satisfied"]), r
    compared += 1
print(f"{compared} nhóm khớp với cchc survey index --by element")

# %% [markdown]
# ## Phân bố năm mức (Likert) của năm gần nhất

# %%
likert = con.sql(
    f"""
    SELECT element, answer, count(*) AS n
    FROM {answers}
    WHERE status = 'valid' AND unit = '{unit}'
      AND year = (SELECT max(year) FROM {answers} WHERE unit = '{unit}')
    GROUP BY ALL
    """
).pl()
elements = sorted(likert["element"].unique())
fig, ax = plt.subplots(figsize=(10, 4))
left = [0.0] * len(elements)
labels = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
colors = ["#b2182b", "#ef8a62", "#cccccc", "#67a9cf", "#2166ac"]
for level in range(1, 6):
    shares = []
    for e in elements:
        total = likert.filter(likert["element"] == e)["n"].sum()
        n = likert.filter((likert["element"] == e) & (likert["answer"] == level))["n"].sum()
        shares.append(100 * n / total)
    ax.barh(elements, shares, left=left, color=colors[level - 1], label=labels[level - 1])
    left = [a + b for a, b in zip(left, shares)]
ax.set_title(f"Mức độ hài lòng theo yếu tố — {unit}")
ax.set_xlabel("Tỷ lệ câu trả lời (%)")
ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
fig.tight_layout()
