"""slugify / is_valid_slug: ASCII URL words, pinyin for Chinese."""

from __future__ import annotations

import pytest

from healthpress.model.slugs import is_valid_slug, slugify


@pytest.mark.parametrize(
    "text, slug",
    [
        ("yizhen-huodong", "yizhen-huodong"),
        ("shijie-wuyanri-2013", "shijie-wuyanri-2013"),
        ("World No Tobacco Day", "world-no-tobacco-day"),
        ("Hello, World!", "hello-world"),
        ("a__b--c", "a-b-c"),
        ("--edge--", "edge"),
        ("义诊", "yi-zhen"),
        ("市人民医院开展义诊", "shi-ren-min-yi-yuan-kai-zhan-yi-zhen"),
        ("世界卫生日控制高血压", "shi-jie-wei-sheng-ri-kong-zhi-gao-xue-ya"),
        ("重庆", "chong-qing"),
        ("绿色女性", "lv-se-nv-xing"),
        ("2013年工作总结", "2013-nian-gong-zuo-zong-jie"),
        ("12320热线", "12320-re-xian"),
        ("COVID-19疫苗接种", "covid-19-yi-miao-jie-zhong"),
        ("健康，防疫", "jian-kang-fang-yi"),
        ("（通知）", "tong-zhi"),
        ("《健康周刊》第12期", "jian-kang-zhou-kan-di-12-qi"),
        ("医疗&卫生", "yi-liao-wei-sheng"),
        ("“优质服务年”", "you-zhi-fu-wu-nian"),
        ("！！", ""),
        ("   ", ""),
        ("", ""),
    ],
    ids=[
        "already-a-slug", "slug-with-digits", "spaces", "punctuation", "underscores-and-double-hyphens",
        "leading-trailing-hyphens", "chinese", "chinese-sentence", "chinese-title", "polyphone-in-phrase",
        "pinyin-v-for-u-umlaut", "digits-then-chinese", "hotline-number", "latin-digits-chinese",
        "fullwidth-comma", "fullwidth-parentheses", "book-title-marks", "ampersand", "chinese-quotes",
        "only-fullwidth-punctuation", "only-spaces", "empty",
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    "text, slug",
    [("ＣＴ检查", "ct-jian-cha"), ("第１期", "di-1-qi"), ("２０１３年工作", "2013-nian-gong-zuo"), ("Ａｂｃ", "abc")],
    ids=["fullwidth-letters", "fullwidth-digit", "fullwidth-year", "only-fullwidth-letters"],
)
def test_slugify_fullwidth_letters_and_digits(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["yi-zhen", "市人民医院", "Hello, World!", "２０１３年", "a--b"])
def test_slugify_output_is_always_a_valid_slug_or_empty(text):
    slug = slugify(text)
    assert slug == "" or is_valid_slug(slug)


@pytest.mark.parametrize(
    "slug, valid",
    [
        ("yizhen", True),
        ("yizhen-huodong", True),
        ("2013", True),
        ("a-1-b-2", True),
        ("", False),
        ("Upper", False),
        ("a b", False),
        ("a/b", False),
        ("../x", False),
        ("..", False),
        ("a_b", False),
        ("a--b", False),
        ("-a", False),
        ("a-", False),
        ("a.b", False),
        ("义诊", False),
        ("ｙｉ", False),
    ],
    ids=[
        "word", "words", "digits", "mixed", "empty", "upper-case", "space", "slash", "parent-dir", "dot-dot",
        "underscore", "double-hyphen", "leading-hyphen", "trailing-hyphen", "dot", "chinese", "fullwidth",
    ],
)
def test_is_valid_slug(slug, valid):
    assert is_valid_slug(slug) is valid


def test_is_valid_slug_rejects_a_trailing_newline():
    assert is_valid_slug("yizhen\n") is False
