"""A deterministic bureau site of any size, for build benchmarks and the search comparison.

`write_corpus(root, count, seed)` writes `mkdocs.yml`, the six columns of the example site and
`count` articles shaped like the editors' (Chinese text, `##` sections, lists, an occasional table,
Chinese keys and file names, relative links, images), and returns a `CorpusInfo` that says where
everything is and which articles each search probe should find. Same seed, same bytes.

`write_corpus(root, count, seed, profile="realistic")` writes the realistic profile instead: a real
bureau's mix of lengths (a long tail to 6,000 characters), `data/units.yml` and `data/terms.yml`, and
the warnings a real bureau's build shows, at REALISTIC_WARNINGS_PER_ARTICLE (1.26) and no error:
county units missing from `data/units.yml`, non-standard terms from the bureau's term list, weekly
articles without an issue number. The default profile ("plain") is unchanged, byte for byte.

Pure Python, no MkDocs import: it uses only healthpress' slug function (for the article URLs) and
the table of Chinese front-matter keys.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from healthpress.model.articles import CHINESE_KEYS
from healthpress.model.slugs import slugify

__all__ = ["ArticleRecord", "CorpusInfo", "PROFILES", "Probe", "PROBES", "config_text", "write_corpus"]

PROFILES = ("plain", "realistic")
"""plain: 1,000–3,000 characters an article, no data/ and no warning; realistic: see the module docstring."""

FIRST_DAY = dt.date(2013, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
BUILD_EPOCH = int(dt.datetime(2027, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
"""SOURCE_DATE_EPOCH at which every article is published (the corpus runs to 2026-12-31)."""

BADGE = "assets/dzjg.png"
"""The 党政机关网站标识 the footer shows (a placeholder picture)."""

PROBE_EVERY = 7
"""Every 7th article carries one of the probe phrases (in its title or its text)."""

LINK_EVERY = 20
IMAGE_EVERY = 30
CHINESE_KEYS_EVERY = 8
CHINESE_NAME_EVERY = 10

# --------------------------------------------------------------------------------------------
# The site: mkdocs.yml and the six columns of the example site


def config_text(*, material_search: bool = False, site_dir: str = "site", search_index: bool = True) -> str:
    """`mkdocs.yml` shaped like the example site's; `material_search` adds material's `search: {lang: zh}`.

    The search plugin comes after healthpress: its on_config reads material's strings for the page
    language, and `partials/languages/zh-CN.html` is a healthpress template, added in healthpress' on_config.
    `search_index=False` turns off healthpress' own Pagefind index (to time or run Pagefind separately).
    """
    search = "  - search:\n      lang: zh\n" if material_search else ""
    no_index = "" if search_index else "      search_index: false   # no Pagefind index in this build\n"
    return f"""\
# A generated bureau site (benchmarks.corpus): for benchmarks, not for publication.
site_name: 市卫生健康宣传网
site_description: 市卫生局健康教育与新闻宣传网站（生成的基准测试站点）
site_url: https://www.example.gov.cn/
copyright: 版权所有 © 2013–2026 市卫生局　未经许可不得转载
docs_dir: content
site_dir: {site_dir}
use_directory_urls: true

theme:
  name: material
  language: zh-CN
  font: false
  icon:
    logo: material/hospital-building
  palette:
    scheme: default
  features:
    - navigation.tabs
    - navigation.tabs.sticky

plugins:
  - healthpress:
      page_size: 20
      iframe_hosts: [player.v.qq.com]
{no_index}{search}
markdown_extensions:
  - toc:
      permalink: false
  - tables:
      use_align_attribute: true
  - attr_list
  - admonition
  - pymdownx.details
  - pymdownx.superfences

extra:
  generator: false
  bureau:
    sponsor: 市卫生局
    org_code: 00325437-X
    site_code: "3408000001"
    icp: 皖ICP备13000001号
    police_record: 皖公网安备 34080202000001号
    gov_site_badge: {BADGE}
    address: 市人民路 100 号市卫生局办公楼
    postcode: "246000"
    phone: 0556-5512345
    hotline: "12320"
    email: wsj@example.gov.cn
"""


COLUMNS: dict[str, str] = {
    "service-year": "title: 优质服务年\ndescription: “优质服务年”活动专栏：各地各单位活动情况、成效，先进单位和先进人物，"
                    "互动平台与局长信箱。\nkind: news\norder: 10\npage_size: 15\n",
    "health-weekly": "title: 健康周刊\ndescription: 与广播电视报合办的《健康周刊》，每期刊登健康教育、卫生科普与行业风采。\n"
                     "kind: periodical\norder: 20\npage_size: 15\n",
    "safe-qingyuan": "title: 平安清远\ndescription: 创建平安清远：民生保障、社会矛盾化解、公共安全防控、人口服务管理四大工程宣传。\n"
                     "kind: news\norder: 30\npage_size: 15\n",
    "medical-reform": "title: 医改宣传\ndescription: 深化医药卫生体制改革：县级公立医院改革、基本药物制度与政策解读。\n"
                      "kind: news\norder: 40\npage_size: 15\n",
    "health-education": "title: 健康教育\ndescription: 卫生防病日主题宣传、12320 卫生热线、健康素养与科普知识。\n"
                        "kind: news\norder: 50\npage_size: 15\n",
    "press": "title: 新闻发布\ndescription: 卫生新闻发布会、新闻发言人、突发事件风险沟通。\nkind: news\norder: 60\npage_size: 15\n",
}
COLUMN_IDS = tuple(COLUMNS)

# --------------------------------------------------------------------------------------------
# Vocabulary

UNITS = ("市卫生局", "市卫生局办公室", "市卫生局宣传科", "市卫生局医政科", "市人民医院", "市中医院", "市妇幼保健院",
         "市疾病预防控制中心", "市健康教育所", "市卫生监督所", "市中心血站", "市第二人民医院", "市精神卫生中心",
         "城东社区卫生服务中心", "东山县人民医院")
AUTHORS = ("张明", "周颖", "王海燕", "李建国", "陈晓峰", "刘芳", "赵磊", "孙丽萍", "吴俊", "郑雪梅", "黄志强", "何静",
           "马骏", "林晓红", "徐文斌", "胡玉兰", "高翔", "罗敏", "梁伟", "宋佳")
TAGS = ("医改", "基本药物", "公立医院改革", "新农合", "家庭医生", "分级诊疗", "预防接种", "免疫规划", "12320", "健康素养",
        "卫生防病日", "世界卫生日", "全国爱牙日", "世界无烟日", "控烟", "优质服务年", "义诊", "医德医风", "平安医院",
        "平安清远", "民生保障", "矛盾化解", "公共安全", "H7N9", "流感", "传染病防控", "手足口病", "慢性病", "高血压",
        "糖尿病", "妇幼保健", "儿童保健", "健康周刊", "新闻发布", "突发事件", "食品安全", "卫生监督", "无偿献血",
        "中医药", "基本公共卫生服务")
COLUMN_TAGS = {
    "service-year": ("优质服务年", "义诊", "医德医风", "民生保障"),
    "health-weekly": ("健康周刊", "慢性病", "高血压", "糖尿病", "手足口病", "流感", "儿童保健", "健康素养"),
    "safe-qingyuan": ("平安清远", "平安医院", "民生保障", "矛盾化解", "公共安全", "食品安全"),
    "medical-reform": ("医改", "基本药物", "公立医院改革", "新农合", "家庭医生", "分级诊疗"),
    "health-education": ("健康素养", "卫生防病日", "世界卫生日", "全国爱牙日", "世界无烟日", "控烟", "预防接种", "12320"),
    "press": ("新闻发布", "突发事件", "H7N9", "流感", "传染病防控", "卫生监督"),
}

VOCAB: dict[str, tuple[str, ...]] = {
    "unit": UNITS,
    "hospital": ("市人民医院", "市中医院", "市妇幼保健院", "市第二人民医院", "东山县人民医院", "西河县中医院", "南湖区人民医院"),
    "county": ("东山县", "西河县", "南湖区", "北岭县", "青石县", "云溪区", "望江县"),
    "town": ("大观乡", "石门湖镇", "月山镇", "高河镇", "黄墩镇", "洪铺镇", "江镇镇", "小市镇", "杨桥镇", "罗岭镇"),
    "place": ("社区", "校园", "企业", "农村", "机关", "家庭", "养老机构", "建筑工地"),
    "activity": ("义诊", "志愿服务", "医德医风教育", "服务承诺", "微笑服务", "岗位技能竞赛", "便民门诊", "健康咨询"),
    "role": ("护士长", "主任医师", "乡村医生", "急诊科医生", "检验师", "全科医生", "药剂师", "疾控医师"),
    "name": AUTHORS,
    "issue_topic": ("挂号排队时间长", "住院押金", "检查结果互认", "停车难", "夜间门诊", "异地就医报销", "预约诊疗"),
    "window": ("挂号收费", "出入院", "药房", "检验报告", "医保结算", "导诊"),
    "disease": ("高血压", "糖尿病", "手足口病", "流行性感冒", "肺结核", "病毒性肝炎", "骨质疏松", "中暑", "食物中毒",
                "龋齿", "脑卒中", "冠心病", "狂犬病", "细菌性痢疾", "水痘", "慢性阻塞性肺疾病"),
    "season": ("春季", "夏季", "秋季", "冬季", "汛期", "开学季", "春节期间", "梅雨季节"),
    "group": ("老年人", "儿童", "孕产妇", "青少年", "上班族", "慢性病患者", "外来务工人员"),
    "tip": ("科学饮食", "适量运动", "戒烟限酒", "心理平衡", "睡眠管理", "口腔保健", "用眼卫生", "科学补钙", "控盐减油"),
    "drug": ("抗生素不能随便用", "降压药要长期规律服用", "儿童用药剂量要准确", "中成药的正确服用方法", "家庭药箱的管理"),
    "question": ("孩子发烧要不要马上输液", "体检报告中的箭头怎么看", "血压偏高要不要吃药", "疫苗接种后发热怎么办",
                 "血糖控制在多少合适", "老人夜里睡不着怎么办"),
    "meeting": ("综治维稳工作会议", "安全生产工作会议", "信访工作推进会", "医疗纠纷调解工作会议", "社会管理创新工作会议"),
    "dispute": ("医疗纠纷", "药品费用纠纷", "手术并发症纠纷", "护理纠纷"),
    "safety": ("消防", "危险化学品", "放射诊疗", "医疗废物", "食品卫生", "生活饮用水"),
    "pop": ("流动人口健康档案", "出生人口性别比治理", "计划生育家庭扶助", "流动人口基本公共卫生服务"),
    "livelihood": ("城乡居民健康档案", "重大疾病医疗救助", "农村孕产妇住院分娩补助", "贫困家庭白内障复明"),
    "progress": ("稳步推进", "取得阶段性成效", "全面推开", "进入攻坚阶段"),
    "bdrug": ("实现基层全覆盖", "配备使用情况通报", "政策问答", "让群众用上放心药"),
    "xnh": ("筹资标准提高", "报销比例再提高", "即时结报覆盖全市", "大病保险启动"),
    "fam": ("签约居民突破十万", "进社区", "为慢性病患者提供上门服务", "重点人群签约率达六成"),
    "policy": ("取消药品加成", "大病保险怎么报", "异地就医直接结算", "医疗服务价格调整", "基本药物目录调整"),
    "healthday": ("世界卫生日", "世界无烟日", "全国爱牙日", "世界艾滋病日", "全国高血压日", "全国儿童预防接种日",
                  "世界防治结核病日", "全国碘缺乏病防治日", "联合国糖尿病日", "世界精神卫生日"),
    "lecture": ("慢性病防治", "合理膳食", "心理健康", "急救知识", "传染病预防", "职业健康", "老年保健"),
    "campaign": ("全民健康生活方式行动", "控烟宣传月活动", "爱国卫生月活动", "健康知识下乡活动", "卫生科普宣传周"),
    "vaccine": ("乙肝疫苗", "流感疫苗", "麻疹疫苗", "狂犬病疫苗", "脊灰疫苗", "百白破疫苗"),
    "hotline": ("开通健康咨询专家坐席", "年度运行情况通报", "延长服务时间", "受理投诉举报", "开展满意度回访"),
    "quarter": ("第一季度", "第二季度", "第三季度", "第四季度", "年度"),
    "epidemic": ("人感染H7N9禽流感", "甲型H1N1流感", "登革热", "中东呼吸综合征", "诺如病毒感染", "季节性流感",
                 "寨卡病毒病", "猩红热"),
    "notice": ("调整门诊时间", "开展无偿献血活动", "开展职业健康检查", "公布医疗机构投诉电话", "春节期间医疗服务安排"),
    "pq": ("医疗纠纷人民调解全覆盖", "医院安全防范系统建设", "警医联动机制", "平安创建工作推进会"),
    "reform_step": ("深化医改取得新进展", "深化医改工作会议召开", "医改重点工作任务分解", "医改惠民成效显著"),
    "label": ("强化组织领导", "加强宣传引导", "落实工作责任", "完善工作机制", "加强督导检查", "做好服务保障"),
}

TITLES: dict[str, tuple[str, ...]] = {
    "service-year": ("{unit}开展“优质服务年”{activity}活动", "{unit}推出{n1}项便民服务新举措", "{unit}召开“优质服务年”活动推进会",
                     "“优质服务年”先进人物：{hospital}{role}{name}", "{unit}开展患者满意度调查 满意率达{pct}",
                     "局长信箱答复：关于{issue_topic}的问题", "{hospital}组织专家赴{town}{activity}", "{hospital}优化{window}窗口服务流程"),
    "health-weekly": ("{season}谨防{disease}", "专家谈{disease}的预防与治疗", "{group}健康：{tip}", "合理用药：{drug}",
                      "读者信箱：{question}", "名医谈病：{disease}早发现早治疗", "{group}{season}保健要点"),
    "safe-qingyuan": ("{unit}召开{meeting}", "医疗纠纷人民调解委员会成功调处一起{dispute}", "{unit}开展{safety}安全检查",
                      "人口服务管理工程：{pop}", "民生保障工程：{livelihood}", "{county}化解社会矛盾工作经验交流"),
    "medical-reform": ("{county}县级公立医院综合改革{progress}", "基本药物制度{bdrug}", "新农合{xnh}", "家庭医生签约服务{fam}",
                       "政策解读：{policy}", "{county}推进分级诊疗制度建设"),
    "health-education": ("{healthday}：{unit}开展主题宣传活动", "健康素养知识进{place}", "{unit}举办{lecture}健康讲座",
                         "全市启动{campaign}", "预防接种：{vaccine}知识问答"),
    "press": ("市卫生局召开{quarter}新闻发布会", "{epidemic}防控新闻通气会", "{epidemic}防控知识问答", "市卫生局开展新闻发言人培训",
              "突发公共卫生事件风险沟通演练在{hospital}举行", "关于{notice}的通告"),
}

HEADINGS: dict[str, tuple[str, ...]] = {
    "service-year": ("活动安排", "主要做法", "活动成效", "群众反映", "下一步打算", "先进事迹", "服务承诺"),
    "health-weekly": ("什么是{disease}", "哪些人容易得病", "怎样预防", "专家提醒", "日常护理要点", "常见误区", "读者问答"),
    "safe-qingyuan": ("工作部署", "主要措施", "工作成效", "典型案例", "存在的问题", "下一步工作"),
    "medical-reform": ("改革内容", "群众得到哪些实惠", "政策问答", "进展情况", "下一步安排", "怎么报销"),
    "health-education": ("活动现场", "宣传重点", "健康提示", "知识问答", "热线服务", "相关链接"),
    "press": ("发布会要点", "疫情形势", "防控措施", "记者提问", "专家建议", "信息公开"),
}

OPENINGS = (
    "{month}月{day}日，{unit}{event}。",
    "近日，{unit}{event}。",
    "{month}月{day}日上午，{unit}{event}，{n2}名医务人员参加。",
    "为贯彻落实全市卫生工作会议精神，{unit}{event}。",
)
EVENTS: dict[str, tuple[str, ...]] = {
    "service-year": ("在{town}开展“优质服务年”{activity}活动", "召开全院职工大会动员部署“优质服务年”活动",
                     "组织{n2}名专家深入基层开展巡回医疗", "推出预约诊疗、检查结果互认等便民措施"),
    "health-weekly": ("邀请专家就{disease}的防治接受本刊采访", "收到多位读者来信询问{disease}的防治知识",
                      "提醒市民{season}注意预防{disease}"),
    "safe-qingyuan": ("召开{meeting}", "对辖区医疗机构开展{safety}安全专项检查", "组织开展社会矛盾纠纷排查化解工作",
                      "与公安部门联合开展医院安全防范演练"),
    "medical-reform": ("召开公立医院综合改革工作推进会", "开展基本药物制度实施情况督查", "举办医改政策培训班",
                       "在{county}召开家庭医生签约服务现场会"),
    "health-education": ("在{place}开展{healthday}主题宣传活动", "举办{lecture}健康讲座", "启动{campaign}",
                         "组织健康教育讲师团深入{place}宣讲"),
    "press": ("召开{quarter}新闻发布会", "召开{epidemic}防控新闻通气会", "举办新闻发言人和通讯员培训班",
              "通报近期{epidemic}防控工作情况"),
}

SENTENCES: dict[str, tuple[str, ...]] = {
    "common": (
        "活动期间，共接待群众咨询{n3}人次，发放宣传资料{n4}余份。",
        "{unit}负责人表示，将把这项工作作为一项长期任务抓紧抓好，切实让群众感受到变化。",
        "各单位要{label}，确保各项工作任务落到实处。",
        "据统计，{year}年全市共完成相关工作{n3}项，群众满意率达到{pct}。",
        "现场不少市民表示，这样的活动办到了老百姓的心坎上。",
        "下一步，{unit}将进一步{label}，不断提高服务水平。",
        "市卫生局要求各地各单位高度重视，{label}，形成上下联动、齐抓共管的工作格局。",
        "这项工作得到了市委、市政府的充分肯定，也受到群众的普遍欢迎。",
        "{unit}还通过门户网站、微博和宣传栏等渠道向社会公开相关信息，接受群众监督。",
        "截至{month}月底，全市已有{n2}家医疗卫生机构参与，覆盖人口{n3}万。",
        "{county}卫生局结合本地实际制定了实施方案，明确了时间表和路线图。",
        "{hospital}把这项工作纳入年度目标考核，实行一把手负总责、分管领导具体抓。",
        "会议强调，要坚持以人民健康为中心，把群众满意作为检验工作成效的标准。",
        "{town}卫生院的医务人员表示，今后将更加主动地为辖区群众提供上门服务。",
        "工作中，{unit}注重总结经验，及时发现和推广基层的好做法。",
        "为确保活动取得实效，市卫生局成立了督导组，分{n1}个小组深入各地检查指导。",
        "不少群众通过热线和网站留言，对卫生系统的服务提出了{n2}条意见建议，均已逐一回复。",
        "今年以来，{county}各级医疗卫生机构门诊量同比增长{pct}，服务能力明显提升。",
        "市卫生局有关负责人介绍，今年还将投入{n3}万元，用于改善基层医疗卫生机构的服务条件。",
        "{unit}同时提醒广大市民，关注权威部门发布的健康信息，养成文明健康的生活方式。",
    ),
    "service-year": (
        "“优质服务年”活动以“服务好、质量好、医德好、群众满意”为目标，突出解决群众看病就医的难点问题。",
        "{hospital}推行“一站式”服务，在门诊大厅设立服务台，为老年人和残疾人提供陪同就诊服务。",
        "{role}{name}扎根基层{n2}年，常年为{town}的群众送医送药，被群众亲切地称为“健康守护人”。",
        "医院开通了电话预约、网上预约和现场预约等多种方式，{window}窗口平均等候时间缩短了{n2}分钟。",
        "专家们为群众测量血压、血糖，讲解{disease}等常见病的防治知识，并免费发放常用药品。",
        "局长信箱全年共收到群众来信{n3}件，办结率{pct}，所有来信均在规定时限内答复。",
        "医院每月开展一次患者满意度调查，对群众反映集中的问题建立台账、限期整改。",
        "活动开展以来，共评选出先进科室{n2}个、服务明星{n2}名，在全系统营造了比学赶超的氛围。",
    ),
    "health-weekly": (
        "{disease}是一种常见病，{season}是高发季节，{group}尤其需要注意。",
        "专家介绍，预防{disease}最重要的是养成良好的生活习惯，做到{tip}。",
        "很多人认为没有症状就不需要治疗，这是一个常见的误区，定期检查非常重要。",
        "如果出现发热、乏力等症状，应当及时到正规医疗机构就诊，不要自行用药。",
        "{group}应当每年至少进行一次健康体检，发现问题早干预、早治疗。",
        "专家提醒，{drug}，用药前一定要仔细阅读说明书或遵医嘱。",
        "饮食上要注意少盐少油，多吃新鲜蔬菜水果，每天饮水1500到1700毫升为宜。",
        "本期《健康周刊》邀请{hospital}{role}{name}为读者详细解答。",
        "有健康问题的读者，可以拨打12320卫生热线咨询，也可以给本刊写信。",
    ),
    "safe-qingyuan": (
        "创建平安清远是全市的一项重大工作，卫生系统承担着民生保障、矛盾化解等多项任务。",
        "各医疗机构要建立健全安全管理制度，落实{safety}安全责任，消除各类安全隐患。",
        "医疗纠纷人民调解委员会全年共受理{dispute}{n2}起，调解成功率达到{pct}。",
        "医院与辖区派出所建立警医联动机制，在急诊科等重点部位设立警务室。",
        "各单位要认真排查{dispute}等各类矛盾纠纷，做到早发现、早报告、早处置。",
        "平安清远建设要求卫生系统做好{livelihood}等民生工作，让群众共享发展成果。",
        "人口服务管理工程重点做好{pop}工作，为流动人口提供均等化的基本公共卫生服务。",
        "检查组共检查医疗机构{n2}家，发现问题{n2}处，已全部督促整改到位。",
    ),
    "medical-reform": (
        "深化医药卫生体制改革是一项重大民生工程，直接关系到每个群众的切身利益。",
        "{county}县级公立医院全部取消药品加成，药品实行零差率销售，群众就医负担明显减轻。",
        "基本药物制度实施以来，基层医疗卫生机构药品价格平均下降了{pct}。",
        "新农合人均筹资标准提高到{n3}元，住院费用政策范围内报销比例达到{pct}。",
        "家庭医生签约服务以老年人、孕产妇、儿童和慢性病患者为重点人群，提供基本医疗和公共卫生服务。",
        "医改工作领导小组办公室将定期通报各地工作进展，对进度滞后的地方进行督办。",
        "分级诊疗制度推行后，基层首诊、双向转诊的就医格局正在逐步形成。",
        "在医改政策的推动下，群众“看病难、看病贵”的问题得到进一步缓解。",
        "大病保险对参合患者经新农合报销后的高额自付费用再给予补偿，防止因病致贫、因病返贫。",
    ),
    "health-education": (
        "{healthday}到来之际，{unit}组织医务人员走进{place}，开展形式多样的宣传活动。",
        "健康素养是指个人获取和理解健康信息，并运用这些信息维护和促进自身健康的能力。",
        "专家们围绕{lecture}等内容进行讲解，现场演示了心肺复苏等急救技能。",
        "12320卫生热线是卫生系统的公益服务热线，市民可以通过热线咨询健康问题、反映意见建议。",
        "监测结果显示，全市居民健康素养水平为{pct}，比上年提高了{n1}个百分点。",
        "家长要按照免疫程序按时带孩子接种{vaccine}，接种后在现场留观30分钟。",
        "吸烟有害健康，公共场所禁止吸烟，{unit}为有戒烟意愿的市民提供免费戒烟咨询。",
        "活动现场设置了健康咨询台和展板，向群众发放控盐勺、控油壶等健康支持工具。",
    ),
    "press": (
        "新闻发言人通报了近期全市卫生工作情况，并回答了记者提问。",
        "目前全市{epidemic}疫情总体平稳，防控工作有序开展。",
        "市卫生局提醒市民，出现发热、咳嗽等症状时要及时就医，并主动告知接触史。",
        "各级医疗机构要严格落实预检分诊制度，做好疑似病例的排查和报告工作。",
        "市疾病预防控制中心已做好实验室检测准备，能够在{n2}小时内完成样本检测。",
        "对于网络上的不实传言，请市民以卫生部门发布的权威信息为准，不信谣、不传谣。",
        "此次培训邀请了新闻媒体和高校的专家授课，内容包括突发事件舆情应对和风险沟通。",
        "发布会上，{unit}负责人就{notice}等群众关心的问题作了解答。",
    ),
}

TOPIC_KEYS = ("unit", "hospital", "county", "town", "place", "disease", "season", "group", "healthday", "epidemic",
              "lecture", "vaccine", "meeting", "safety", "dispute", "policy", "activity", "window")
"""Chosen once per article, so that its title and text talk about the same things."""

ITEMS = (
    "**{label}：** {sentence}",
    "{sentence}",
)
TABLE_HEADS = (("单位", "服务人次", "满意率"), ("地区", "签约人数", "覆盖率"), ("类别", "数量", "占比"))

# The probes: what a reader types, and where the corpus puts it.
PROBES: dict[str, str] = {
    "医改": "title", "健康周刊": "title", "平安": "title", "12320": "title",
    "母婴安全": "phrase", "健康素养促进行动": "phrase", "量子纠缠": "none",
}
"""query -> 'title' (the right articles have it in the title, many others only in the text),
'phrase' (exactly a known set of articles contain it), 'none' (no article contains it)."""

PHRASE_LIMITS = {"健康素养促进行动": 25, "母婴安全": 12}
PROBE_COLUMNS = {"医改": "medical-reform", "健康周刊": "health-weekly", "平安": "safe-qingyuan",
                 "12320": "health-education"}
PROBE_TITLES = {
    "医改": ("{county}{reform_step}", "医改政策问答：{policy}", "医改进行时：{hospital}推行{window}改革"),
    "健康周刊": ("《健康周刊》第{issue}期导读：{tip}", "《健康周刊》读者见面会在{hospital}举行", "《健康周刊》专家团走进{place}"),
    "平安": ("创建平安医院：{hospital}{label}", "平安清远建设：{pq}", "{hospital}获评“平安单位”"),
    "12320": ("12320卫生热线{hotline}", "拨打12320：{question}", "12320卫生热线走进{place}"),
}
PROBE_SENTENCES = {
    "健康素养促进行动": "我市将以健康素养促进行动为抓手，推动健康知识进{place}，提高群众的自我保健能力。",
    "母婴安全": "各助产机构要严格落实母婴安全五项制度，加强高危孕产妇专案管理，保障孕产妇和新生儿健康。",
}

# --------------------------------------------------------------------------------------------
# The realistic profile: lengths, data/ and the warnings of a real bureau's build

REALISTIC_WARNINGS_PER_ARTICLE = 1.26
"""Warnings per article of a real bureau's build of its 10,000 articles (and 0 errors)."""
REALISTIC_LENGTH_MEDIAN = 1400
REALISTIC_LENGTH_SIGMA = 0.6
REALISTIC_LENGTH_RANGE = (300, 5500)
"""Target body lengths: log-normal around the median, cut to this range; a body ends within a quarter below its
target, or a little above it with the sentences added after (never above REALISTIC_MAX_BODY)."""
REALISTIC_MAX_BODY = 6000
COUNTY_UNIT_SHARE = 0.3
"""Articles sent by a county unit, which data/units.yml (the city's units) does not list."""
UNNUMBERED_WEEKLY_SHARE = 0.4
"""Weekly articles whose editor left out the issue number. The realistic weekly comes out once a week: its
numbered articles of one calendar week are one issue (the plain profile gives each weekly article an issue)."""
PLANTED_TERMS = ((0, 0.5), (1, 0.28), (2, 0.14), (3, 0.08))
"""How many non-standard terms an article gets (before the running count is held at the rate)."""
WARNING_SLACK = 2
"""The warnings written so far never differ from the rate × the articles so far by more than this."""

COUNTY_UNITS = ("东山县卫生局", "西河县卫生局", "南湖区卫生局", "北岭县卫生局", "东山县人民医院", "西河县中医院",
                "南湖区人民医院", "北岭县疾病预防控制中心", "青石县妇幼保健院", "云溪区社区卫生服务中心", "望江县卫生监督所")
"""Units of the counties: they send articles, but the city's data/units.yml does not list them."""

UNIT_TYPES = {"市卫生局": "卫生行政部门", "市卫生局办公室": "局机关科室", "市卫生局宣传科": "局机关科室",
              "市卫生局医政科": "局机关科室", "市疾病预防控制中心": "公共卫生机构", "市健康教育所": "公共卫生机构",
              "市卫生监督所": "公共卫生机构", "市中心血站": "公共卫生机构"}


def units_text() -> str:
    """data/units.yml: the city's units of UNITS (a county's are left out), each with a liaison."""
    entries = []
    for n, unit in enumerate(u for u in UNITS if u not in COUNTY_UNITS):
        entries.append(f"- name: {unit}\n  type: {UNIT_TYPES.get(unit, '医疗机构')}\n  liaisons:\n"
                       f"    - name: {AUTHORS[n % len(AUTHORS)]}\n      role: 联络员\n")
    return "# 供稿单位（生成的基准测试站点：市直单位，没有县区单位）\n\n" + "\n".join(entries)


TERMS_TEXT = """\
# 规范用语（生成的基准测试站点；与示例站点 data/terms.yml 相同的用语）
- wrong: 新农合
  right: 新型农村合作医疗
  first_mention: true
- wrong: 医闹
  right: 涉医违法犯罪
  note: 不使用“医闹”等非正式说法
- wrong: 非典
  right: 传染性非典型肺炎
  ignore: [非典型]
- wrong: 艾滋病病人
  right: [艾滋病患者, 艾滋病病毒感染者]
  note: 避免带有歧视色彩的称谓
- wrong: 爱滋病
  right: 艾滋病
  note: 错别字
- wrong: 甲流
  right: 甲型H1N1流感
  first_mention: true
- wrong: 精神病人
  right: [精神障碍患者, 严重精神障碍患者]
  note: 避免带有歧视色彩的称谓
- wrong: 弱智
  right: 智力障碍
  note: 避免带有歧视色彩的称谓
- wrong: 残废
  right: 残疾
  note: 避免带有歧视色彩的称谓
"""
"""data/terms.yml: the bureau's term list (the example site's)."""

TERM_SENTENCES = (
    "{unit}联合公安部门依法打击医闹行为，维护正常医疗秩序。",
    "{unit}在{place}开展爱滋病防治知识宣传，发放宣传折页{n3}份。",
    "医务人员要关心关爱艾滋病病人，保护他们的隐私。",
    "{county}对辖区精神病人开展随访管理，落实监护责任。",
    "{unit}组织志愿者走访弱智儿童家庭，送去康复器材。",
    "{hospital}为因伤致残废的困难群众减免部分医疗费用。",
    "{year}年抗击非典的经验告诉我们，早发现、早报告至关重要。",
)
"""Each has one non-standard term of TERMS_TEXT (none with first_mention: each gives one warning)."""
FIRST_MENTION_SHORT = "新农合"
"""The base text uses 新农合 but never its full name first: an article whose body has it gets one warning."""


# --------------------------------------------------------------------------------------------
# What write_corpus reports


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One generated article: where its file is and where it is published."""

    src_uri: str
    url: str
    title: str
    column: str
    date: str


@dataclass(frozen=True, slots=True)
class Probe:
    """A search query and the articles that should come first for it."""

    query: str
    kind: str
    expected: tuple[str, ...]
    """URLs (`<column>/<yyyy>/<mm>/<slug>/`) of the right articles, oldest first."""
    mentions: int
    """Articles whose file contains the query anywhere (title, tags or text)."""


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """Where the corpus is, what it holds, and what each probe query should find."""

    root: Path
    config_file: Path
    docs_dir: Path
    columns_dir: Path
    count: int
    seed: int
    articles: tuple[ArticleRecord, ...]
    probes: dict[str, Probe]
    images: int
    links: int
    build_epoch: int = BUILD_EPOCH
    """Set SOURCE_DATE_EPOCH to this when building, so that the articles dated after today are published too."""
    files: tuple[Path, ...] = field(default=(), repr=False)
    profile: str = "plain"
    warnings: dict[str, int] = field(default_factory=dict)
    """The warnings the corpus was written to give, by finding code (realistic profile; empty for plain)."""

    def by_url(self) -> dict[str, ArticleRecord]:
        return {a.url: a for a in self.articles}


# --------------------------------------------------------------------------------------------
# Generation


class _Slots(dict):
    """format_map() values: a fresh random choice for every `{name}` not given explicitly."""

    def __init__(self, rng: random.Random, **given: object) -> None:
        super().__init__(given)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key in VOCAB:
            return rng.choice(VOCAB[key])
        numbers = {"n1": (3, 9), "n2": (10, 99), "n3": (100, 999), "n4": (1000, 9999), "month": (1, 12), "day": (1, 28),
                   "year": (2013, 2026)}
        if key in numbers:
            return str(rng.randint(*numbers[key]))
        if key == "pct":
            return f"{rng.randint(600, 999) / 10:.1f}%"
        raise KeyError(key)


def _fill(rng: random.Random, template: str, **given: object) -> str:
    return template.format_map(_Slots(rng, **given))


def _yaml_scalar(value: str) -> str:
    """A YAML scalar for `value`: plain when that reads back as the same string, else double-quoted."""
    plain = (value and value == value.strip() and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
             and ": " not in value and " #" not in value and not value.endswith(":")
             and not re.fullmatch(r"[-+.\d_:eE]+|true|false|yes|no|on|off|null|~|y|n", value, re.IGNORECASE))
    return value if plain else json.dumps(value, ensure_ascii=False)


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(_yaml_scalar(v) if not v.isdigit() else f'"{v}"' for v in values) + "]"


def _png(seed: int) -> bytes:
    """A tiny valid 8x8 PNG in one colour derived from `seed`."""
    colour = bytes(((seed * 67) % 256, (seed * 131) % 256, (seed * 199) % 256))
    raw = b"".join(b"\x00" + colour * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


@dataclass(slots=True)
class _Plan:
    """What one article will be, decided before any text is written (links need the others' paths)."""

    index: int
    column: str
    when: dt.datetime
    date_only: bool
    file_name: str
    probe: str | None
    chinese_keys: bool
    topic: dict[str, str] = field(default_factory=dict)
    """The unit, disease, place ... the article is about: the same in its title and all its text."""
    title: str = ""
    issue: int | None = None

    @property
    def src_uri(self) -> str:
        return f"{self.column}/{self.file_name}"

    @property
    def url(self) -> str:
        return f"{self.column}/{self.when:%Y}/{self.when:%m}/{slugify(self.file_name[:-3])}/"


def _dates(count: int) -> list[tuple[dt.datetime, bool]]:
    """Dates spread evenly from FIRST_DAY to LAST_DAY, office-hours times rising within a day."""
    days = (LAST_DAY - FIRST_DAY).days + 1
    out: list[tuple[dt.datetime, bool]] = []
    previous, rank = None, 0
    for i in range(count):
        day = FIRST_DAY + dt.timedelta(days=i * days // count)
        rank = rank + 1 if day == previous else 0
        previous = day
        minutes = min(8 * 60 + 30 + rank * 37, 23 * 60 + 59)
        out.append((dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)), i % 11 == 5))
    return out


def _probe_for(index: int, rotation: list[str], used: dict[str, int]) -> str | None:
    """Every PROBE_EVERY-th article gets the next probe whose set is not full yet."""
    if index % PROBE_EVERY != 3:
        return None
    for _ in range(len(rotation)):
        query = rotation.pop(0)
        rotation.append(query)
        if used[query] < PHRASE_LIMITS.get(query, 10**9):
            used[query] += 1
            return query
    return None


def _plans(count: int, rng: random.Random, realistic: bool = False) -> list[_Plan]:
    rotation = [q for q, kind in PROBES.items() if kind != "none"]
    used = {q: 0 for q in rotation}
    plans = []
    for i, (when, date_only) in enumerate(_dates(count)):
        probe = _probe_for(i, rotation, used)
        column = PROBE_COLUMNS.get(probe or "", None) or rng.choice(COLUMN_IDS)
        topic = {key: rng.choice(VOCAB[key]) for key in TOPIC_KEYS}
        if realistic and rng.random() < COUNTY_UNIT_SHARE:
            topic["unit"] = rng.choice(COUNTY_UNITS)
        plans.append(_Plan(i, column, when, date_only, "", probe, i % CHINESE_KEYS_EVERY == 2, topic))
    issues, week = 0, None
    for plan in plans:
        if plan.column == "health-weekly" and not (realistic and rng.random() < UNNUMBERED_WEEKLY_SHARE):
            if not realistic or plan.when.isocalendar()[:2] != week:
                issues += 1
            week = plan.when.isocalendar()[:2]
            plan.issue = issues
        template = rng.choice(PROBE_TITLES[plan.probe] if plan.probe in PROBE_TITLES else TITLES[plan.column])
        plan.title = _fill(rng, template, issue=plan.issue or 1, **plan.topic)
        plan.file_name = _file_name(plan.index, plan.title)
    return plans


class _Deck:
    """Sentence templates dealt without repeats until all have been used, then shuffled again."""

    def __init__(self, rng: random.Random, cards: tuple[str, ...]) -> None:
        self.rng, self.cards, self.left = rng, cards, []

    def draw(self) -> str:
        if not self.left:
            self.left = self.rng.sample(self.cards, len(self.cards))
        return self.left.pop()


def _file_name(index: int, title: str) -> str:
    """Named after the title like the editors do: its first Chinese words, or their pinyin."""
    words = re.sub(r"[^\u4e00-\u9fff]", "", title)
    if index % CHINESE_NAME_EVERY == 7:
        return f"{words[:_name_length(index)]}{index:05d}.md"
    return f"{slugify(words[:_name_length(index)])}-{index:05d}.md"


def _name_length(index: int) -> int:
    """How many characters of the title a file name keeps (4 to 7, by index)."""
    return 4 + index % 4


def _paragraph(rng: random.Random, plan: _Plan, deck: _Deck, extra: str | None = None) -> str:
    sentences = [_fill(rng, deck.draw(), **plan.topic) for _ in range(rng.randint(2, 4))]
    if extra:
        sentences.insert(rng.randint(0, len(sentences)), extra)
    return "".join(sentences)


def _list_block(rng: random.Random, plan: _Plan, deck: _Deck) -> str:
    labels = rng.sample(VOCAB["label"], rng.randint(3, 5))
    ordered = rng.random() < 0.3
    lines = []
    for n, label in enumerate(labels, 1):
        item = _fill(rng, rng.choice(ITEMS), label=label, sentence=_fill(rng, deck.draw(), **plan.topic))
        lines.append(f"{n}. {item}" if ordered else f"- {item}")
    return "\n".join(lines)


def _table_block(rng: random.Random) -> str:
    head = rng.choice(TABLE_HEADS)
    names = rng.sample(VOCAB["county"] if head[0] == "地区" else UNITS, 4)
    rows = [f"| {name} | {rng.randint(100, 9999)} | {rng.randint(600, 999) / 10:.1f}% |" for name in names]
    return "\n".join([f"| {head[0]} | {head[1]} | {head[2]} |", "| --- | ---: | ---: |", *rows])


def _link_sentence(source: _Plan, target: _Plan) -> str:
    if source.column == target.column:
        href = target.file_name
    else:
        href = f"../{target.column}/{target.file_name}"
    return f"相关报道见[《{target.title}》]({href})。"


def _realistic_length(rng: random.Random) -> int:
    low, high = REALISTIC_LENGTH_RANGE
    return int(min(high, max(low, rng.lognormvariate(math.log(REALISTIC_LENGTH_MEDIAN), REALISTIC_LENGTH_SIGMA))))


def _body(rng: random.Random, plan: _Plan, link: str | None, image: str | None, realistic: bool = False) -> str:
    """1,000–3,000 characters (realistic: REALISTIC_LENGTH_*): an opening, `##` sections of paragraphs and
    lists, maybe a table."""
    target = _realistic_length(rng) if realistic else rng.randint(1300, 2900)
    minimum = target * 3 // 4 if realistic else 1000
    pending = [s for s in (_fill(rng, PROBE_SENTENCES[plan.probe], **plan.topic) if plan.probe in PROBE_SENTENCES else None, link) if s]
    event = _fill(rng, rng.choice(EVENTS[plan.column]), **plan.topic)
    opening = _fill(rng, rng.choice(OPENINGS), event=event, **plan.topic)
    deck = _Deck(rng, SENTENCES[plan.column] + SENTENCES["common"])
    blocks = [opening + _paragraph(rng, plan, deck)] + ([image] if image else [])
    size = sum(map(len, blocks))
    headings = HEADINGS[plan.column]
    order = [h for _ in range(3 if realistic else 1) for h in rng.sample(headings, len(headings))]
    for heading in order:
        section = [f"## {_fill(rng, heading, **plan.topic)}"]
        taken = []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.2:
                section.append(_list_block(rng, plan, deck))
            elif roll < 0.26:
                section.append(_table_block(rng))
            else:
                extra = pending.pop(0) if pending and rng.random() < 0.5 else None
                taken += [extra] if extra else []
                section.append(_paragraph(rng, plan, deck, extra))
        grown = size + sum(len(b) + 2 for b in section)
        if grown > target and size >= minimum:
            if realistic:  # the plain corpus loses such a sentence here (left so: its bytes stay the same)
                pending[:0] = taken
            break
        blocks += section
        size = grown
    while size < minimum or pending:
        blocks.append(_paragraph(rng, plan, deck, pending.pop(0) if pending else None))
        size += len(blocks[-1]) + 2
    return "\n\n".join(blocks)


_NOT_A_PARAGRAPH = re.compile(r"## |- |\| |!\[|\d+\. ")


def _with_warnings(rng: random.Random, plan: _Plan, body: str, warnings: dict[str, int]) -> str:
    """The body with non-standard terms planted in its paragraphs, so many that the warnings written so far
    stay within WARNING_SLACK of REALISTIC_WARNINGS_PER_ARTICLE × the articles so far; `warnings` counted on."""
    unit = int(plan.topic["unit"] in COUNTY_UNITS)
    unnumbered = int(plan.column == "health-weekly" and plan.issue is None)
    short_form = int(FIRST_MENTION_SHORT in body)
    planted = rng.choices([n for n, _ in PLANTED_TERMS], [w for _, w in PLANTED_TERMS])[0]
    owed = round(REALISTIC_WARNINGS_PER_ARTICLE * (plan.index + 1)) - sum(warnings.values()) - unit - unnumbered
    owed -= short_form + planted
    if owed > WARNING_SLACK:
        planted += owed - WARNING_SLACK
    elif owed < -WARNING_SLACK:
        planted = max(0, planted + owed + WARNING_SLACK)
    planted = min(planted, len(TERM_SENTENCES))
    blocks = body.split("\n\n")
    paragraphs = [n for n, block in enumerate(blocks) if not _NOT_A_PARAGRAPH.match(block)]
    for template in rng.sample(TERM_SENTENCES, planted):
        blocks[rng.choice(paragraphs)] += _fill(rng, template, **plan.topic)
    warnings["unknown-unit"] += unit
    warnings["issue-missing"] += unnumbered
    warnings["term"] += short_form + planted
    return "\n\n".join(blocks)


def _front_matter(rng: random.Random, plan: _Plan) -> str:
    tags = rng.sample(COLUMN_TAGS[plan.column], rng.randint(1, 3))
    if rng.random() < 0.3:
        tags.append(rng.choice([t for t in TAGS if t not in tags]))
    date = f"{plan.when:%Y-%m-%d}" if plan.date_only else f"{plan.when:%Y-%m-%d %H:%M}"
    fields = [("title", _yaml_scalar(plan.title)), ("date", date), ("author", rng.choice(AUTHORS)),
              ("unit", plan.topic["unit"]), ("tags", _yaml_list(tags))]
    if plan.issue:
        fields.append(("issue", str(plan.issue)))
    if plan.column in ("press", "medical-reform") and rng.random() < 0.15:
        fields.append(("doc_no", _yaml_scalar(f"宜卫办[{plan.when:%Y}]{rng.randint(1, 199)}号")))
    if rng.random() < 0.1:
        fields.append(("summary", _yaml_scalar(_fill(rng, rng.choice(SENTENCES[plan.column]), **plan.topic))))
    if plan.chinese_keys:
        chinese = {english: key for key, english in CHINESE_KEYS.items()}
        fields = [(chinese[name], value) for name, value in fields]
    return "---\n" + "".join(f"{name}: {value}\n" for name, value in fields) + "---\n"


def write_corpus(root: Path, count: int, seed: int = 2013, profile: str = "plain") -> CorpusInfo:
    """Write a complete bureau project with `count` articles into `root` (which must not hold one yet);
    `profile` is one of PROFILES."""
    if profile not in PROFILES:
        raise ValueError(f"unknown corpus profile {profile!r}: one of {', '.join(PROFILES)}")
    realistic = profile == "realistic"
    root = Path(root)
    docs, columns = root / "content", root / "columns"
    if docs.exists() and any(docs.iterdir()):
        raise FileExistsError(f"{docs} already holds files; write the corpus into an empty folder")
    rng = random.Random(seed)
    plans = _plans(count, rng, realistic)
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    write(root / "mkdocs.yml", config_text().encode())
    write(docs / BADGE, _png(0))
    for column_id, text in COLUMNS.items():
        write(columns / f"{column_id}.yml", text.encode())
    warnings = dict.fromkeys(("unknown-unit", "issue-missing", "term"), 0) if realistic else {}
    if realistic:
        write(root / "data" / "units.yml", units_text().encode())
        write(root / "data" / "terms.yml", TERMS_TEXT.encode())
    first_of_day: dict[dt.date, int] = {}
    texts: dict[str, tuple[_Plan, str]] = {}
    images = links = 0
    for plan in plans:
        first_of_day.setdefault(plan.when.date(), plan.index)
        link = image = None
        earlier = first_of_day[plan.when.date()]  # a link only to an article of an earlier day, always published first
        if plan.index % LINK_EVERY == 11 and earlier > 0:
            link = _link_sentence(plan, plans[rng.randrange(earlier)])
            links += 1
        if plan.index % IMAGE_EVERY == 17:
            picture = f"tu-{plan.index:05d}.png"
            write(docs / plan.column / "images" / picture, _png(plan.index))
            image = f"![{_fill(rng, '{activity}')}现场](images/{picture})"
            images += 1
        front = _front_matter(rng, plan)
        body = _body(rng, plan, link, image, realistic)
        if realistic:
            body = _with_warnings(rng, plan, body, warnings)
        text = front + "\n" + body + "\n"
        texts[plan.src_uri] = (plan, text)
        write(docs / plan.src_uri, text.encode("utf-8"))
    articles = tuple(ArticleRecord(p.src_uri, p.url, p.title, p.column,
                                   f"{p.when:%Y-%m-%d}" if p.date_only else f"{p.when:%Y-%m-%d %H:%M}") for p in plans)
    probes = {query: _probe(query, kind, texts) for query, kind in PROBES.items()}
    _check_plan(plans, probes)
    return CorpusInfo(root=root, config_file=root / "mkdocs.yml", docs_dir=docs, columns_dir=columns, count=count,
                      seed=seed, articles=articles, probes=probes, images=images, links=links, files=tuple(written),
                      profile=profile, warnings=warnings)


def _probe(query: str, kind: str, texts: dict[str, tuple[_Plan, str]]) -> Probe:
    """The right articles for `query`, found by reading what was written (not what was planned)."""
    mentions = sum(query in text for _, text in texts.values())
    if kind == "title":
        expected = [plan.url for plan, _ in texts.values() if query in plan.title]
    else:
        expected = [plan.url for plan, text in texts.values() if query in text]
    return Probe(query, kind, tuple(expected), mentions)


def _check_plan(plans: list[_Plan], probes: dict[str, Probe]) -> None:
    """The phrases landed exactly where planned, and nowhere else (guards the vocabulary)."""
    for query, probe in probes.items():
        planned = {p.url for p in plans if p.probe == query}
        if probe.kind != "none" and set(probe.expected) != planned:
            raise RuntimeError(f"probe {query!r}: {len(probe.expected)} articles found, {len(planned)} planned")
        if probe.kind == "none" and probe.mentions:
            raise RuntimeError(f"probe {query!r} should find nothing but occurs {probe.mentions} times")
