"""Generate the demo content of the fictional 示例县民政局 (civil-affairs bureau).

Everything here is invented: the county, its towns, staff, figures and events.
The script (re)writes

* ``content/reports/YYYY/MM/<date>-<slug>-<n>.md`` — about 340 政务信息 reports
  from 2025-10-01 to 2026-11-24 over the ten sections of ``mkdocs.yml``;
* ``content/requests/YG-YYYY-NN.md`` — nine appointment notices (约稿);
* ``content/incidents/YYYY/<date>-<slug>.md`` — two incident records (扣分事项);
  a few reports are joint (合报, two sections and authors) and most carry a
  ``kind`` (信息类型), drawn by a second ``random.Random`` so that adding them
  left the rest of the demo as it was.
* ``content/periodicals/<slug>/YYYY-NN.md`` — the issues of the office's two periodicals
  (《民政信息》monthly, 《民政要情》every two months), from their own ``random.Random(14)``.

It deletes the previously generated ``.md`` files of those folders first
(``index.md`` landing pages are kept). Deterministic: stdlib only, one
``random.Random(20261125)``, no clock, no network.  Run: ``python tools/make_demo.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS, REQUESTS_DIR = ROOT / "content" / "reports", ROOT / "content" / "requests"
INCIDENTS = ROOT / "content" / "incidents"
PERIODICALS = ROOT / "content" / "periodicals"
START, END = dt.date(2025, 10, 1), dt.date(2026, 11, 24)
rng = random.Random(20261125)

TOWNS = ["城关镇", "河西镇", "石桥镇", "青山乡", "柳林镇", "双河镇", "白马乡", "新集镇"]
VILLAGES = ["杨庄村", "李集村", "桃园村", "王楼村", "柏树村", "东关社区", "南街社区", "新华社区"]

# name, slug, total reports, adoption propensity, authors, aliases, months with no report
SECTIONS = [
    ("社会救助股", "jiuzhu", 66, 0.45, ["李明", "王芳", "陈晓东", "孟丽娟"], ["救助股"], []),
    ("养老服务股", "yanglao", 55, 0.42, ["王静", "何建平", "许文静"], [], []),
    ("社会事务股", "shiwu", 42, 0.35, ["张伟", "邓海燕", "曹志远"], [], []),
    ("儿童福利股", "ertong", 32, 0.33, ["刘洋", "王芳", "韩雪"], [], []),
    (
        "基层政权和社区建设股",
        "jiceng",
        38,
        0.32,
        ["陈刚", "冯丽华", "蒋振宇", "彭涛"],
        ["基层政权股", "社区建设股"],
        [],
    ),
    ("区划地名股", "quhua", 21, 0.25, ["杨帆", "郭春燕"], [], [(2026, 2), (2026, 8)]),
    ("慈善事业促进和社会工作股", "cishan", 31, 0.35, ["赵丽", "唐晓明", "宋佳"], ["慈善股", "社会工作股"], []),
    ("社会组织管理股", "shezu", 25, 0.25, ["黄磊", "范文博"], [], []),
    ("婚姻登记中心", "hunyin", 17, 0.20, ["周敏", "潘婷婷"], [], []),
    ("殡葬管理所", "binzang", 16, 0.20, ["吴强", "谢国栋"], [], []),
]
SECTION_NAMES = [s[0] for s in SECTIONS]

# Topics per section.  "@ key | work | object | goal | months" starts a topic;
# "*key" marks county-level work (no town-led generic titles).
# T titles (" | "-separated), M measure ("head。detail"), F fact, X next step.  Placeholders are
# filled per report (see values()).
TOPICS_TEXT = """
== 社会救助股
@ 低保 | 城乡低保规范管理 | 低保对象 | 切实兜住兜牢困难群众基本生活底线
T {town}推行低保“阳光审批” {n}户困难家庭应保尽保 | 我县开展低保专项治理 动态调整{n}户
M 严格审核审批。对新申请低保的{n}户家庭全部实行入户调查、邻里访问和信息核对，确保对象认定精准
M 实施动态管理。按照“有进有出、应保尽保、应退尽退”原则，新纳入{n2}户，清退不再符合条件对象{k}户
M 推进阳光公开。在{k2}个村（社区）公示栏张榜公示低保对象名单，公布监督举报渠道，主动接受群众监督
M 强化信息比对。依托居民家庭经济状况核对平台，对{N}户在保家庭开展全覆盖复核，疑点问题逐户核实
F 截至目前，全县共有城乡低保对象{N}户{p}人，{pm}月份发放低保金{AMT}万元
F 今年以来，全县累计新增低保对象{n}户，发放低保金{AMT}万元
X 进一步健全低保动态管理机制，做到应保尽保、应退尽退
@ *低保金 | 低保金按时足额发放 | 低保对象 | 确保每一笔保障资金安全规范发放
T {pm}月份全县{AMT}万元低保金按时足额发放到位 | 我县低保金实现“一卡通”社会化发放
M 规范资金拨付。会同县财政局逐月审核发放花名册，{pm}月份共拨付低保金{AMT}万元，做到按月发放、不拖不欠
M 推行“一卡通”发放。低保金全部通过惠民惠农财政补贴资金“一卡通”直接打卡到户，杜绝截留挪用
M 开展专项检查。抽调{k}名业务骨干对{town}、{town2}等乡镇资金发放情况开展交叉检查，抽查家庭{n}户
M 强化政策宣传。发放低保金时同步发放政策明白纸{N}份，让群众“领明白钱、明白领钱”
F 截至目前，全县共为{N}户{p}名低保对象发放低保金{AMT}万元，发放准确率达100%
X 持续加强低保资金监管，确保资金安全运行
@ 特困供养 | 特困人员供养服务 | 特困人员 | 提升特困人员供养服务质量
T 我县{k}名特困人员完成生活自理能力评估 | {town}敬老院提升改造 特困人员供养服务更暖心
M 开展能力评估。组织乡镇民政办对特困人员逐人开展生活自理能力评估，新认定失能、半失能人员{k}名
M 落实照料服务。对分散供养特困人员全部签订照料服务协议，明确{n}名照料服务人员职责
M 提升供养条件。投入资金{amt}万元对{town}敬老院进行适老化改造，新增护理型床位{k2}张
M 强化医疗保障。协调县医保部门为特困人员全额资助参保，落实“先诊疗后付费”政策
F 截至目前，全县共有特困人员{n2}人，{pm}月份发放特困供养金{amt}万元
X 推动特困人员供养服务机构转型升级，不断提高集中供养质量
@ 临时救助 | 临时救助 | 急难家庭 | 及时化解群众急难愁盼问题
T 我县{n}户急难家庭获临时救助{amt}万元 | {town}设立临时救助备用金 急难救助“不过夜”
M 下放审批权限。将2000元以下的临时救助审批权限下放至乡镇，实行“小额先行救助”，急难情况24小时内办结
M 设立备用金。在各乡镇设立临时救助备用金共计{amt}万元，确保急难情况“随时有人管、马上有钱用”
M 开展主动发现。依托村（居）委会、网格员等力量，主动发现因病、因灾、因意外陷入困境的家庭{n}户
M 加强政策衔接。对临时救助后仍有困难的{k2}户家庭，及时转介至低保、特困等制度予以保障
F 今年以来，全县累计实施临时救助{n}户次，发放临时救助金{amt}万元
X 进一步完善临时救助机制，提升急难救助时效
@ 冬春救助 | 冬春困难群众救助 | 困难群众 | 确保困难群众安全温暖过冬 | 11,12,1,2,3
T {town}织密冬春救助“保障网” | 我县下拨冬春救助资金{AMT}万元 惠及{N}户困难群众
M 全面排查摸底。组织{k}个工作组深入{town}、{town2}等乡镇，对低保、特困、低保边缘家庭逐户走访，建立冬春救助需求台账
M 及时下拨资金。会同县财政局下拨冬春救助资金{AMT}万元，重点保障{N}户困难群众口粮、衣被、取暖等基本生活
M 发放救助物资。为{n}户困难家庭送去棉被、棉衣、米面油等物资，折合资金{amt}万元
M 强化应急值守。落实24小时值班制度，遇寒潮、冰冻等极端天气，及时转移安置无房、危房户
F 入冬以来，全县共走访困难群众{N}户，发放冬春救助资金{AMT}万元、物资折款{amt}万元
X 持续跟踪困难群众生活状况，确保救助措施落实到户到人
== 养老服务股
@ 居家养老 | 居家社区养老服务 | 居家老年人 | 让老年人在家门口安享幸福晚年
T 我县{k}家社区养老服务站点投入运营 | {town}打造“15分钟”居家养老服务圈
M 完善服务网络。在{town}、{town2}等乡镇建成社区养老服务站点{k}个，提供助餐、助洁、助浴等服务
M 实施适老化改造。为{n}户特殊困难老年人家庭实施居家适老化改造，安装扶手、防滑地板等设施
M 推行上门服务。通过政府购买服务方式，为{n2}名失能、高龄老年人提供每月不少于8小时的上门服务
M 建设信息平台。依托县智慧养老服务平台，为{N}名居家老年人建立电子健康档案
F 今年以来，全县累计提供居家养老上门服务{N}人次，投入资金{amt}万元
X 持续扩大居家社区养老服务覆盖面，提升服务专业化水平
@ 幸福院 | 农村幸福院建设运营 | 农村老年人 | 满足农村老年人就近养老需求
T {town}农村幸福院“幸福”满满 | 我县新建改造农村幸福院{k}所
M 统筹规划布局。结合村庄规划和老年人口分布，在{vil}等{k}个村新建改造农村幸福院
M 落实运营经费。县财政按每所每年{amt2}万元标准安排运营补助，保障幸福院正常运转
M 丰富服务内容。幸福院开设文体娱乐、日间照料、健康咨询等服务，每天接待老年人{k2}人次
M 健全管理制度。建立“村委会主办、志愿者参与”的运营模式，做到有场所、有人员、有活动
F 截至目前，全县建成农村幸福院{k2}所，覆盖农村老年人{N}人
X 推动农村幸福院提质增效，让农村老年人老有所养、老有所乐
@ 老年食堂 | 老年助餐服务 | 老年人 | 解决老年人“吃饭难”问题
T {town}老年食堂飘香 {n}名老人吃上“暖心饭” | 我县老年助餐服务实现乡镇全覆盖
M 扩大助餐网点。依托社区养老服务站、农村幸福院建成老年食堂{k2}个，其中{town}{k3}个
M 落实助餐补贴。对80周岁以上老年人和特困、低保老年人给予每餐2至5元补贴，今年以来发放补贴{amt}万元
M 开展送餐上门。对行动不便的{n}名老年人提供送餐上门服务，确保“热饭送到家”
M 强化食品安全。联合市场监管部门定期检查老年食堂食品安全，做到食材可追溯、操作规范
F 目前，全县老年食堂日均服务老年人{n2}人次，累计服务{N}人次
X 进一步完善助餐服务网络，探索“中央厨房+配送”模式
@ *高龄津贴 | 高龄津贴发放 | 高龄老人 | 让高龄老人共享发展成果
T 我县为{N}名高龄老人发放津贴{amt}万元 | {town}高龄津贴“免申即享”温暖老人心
M 推行“免申即享”。通过数据比对，主动为新满80周岁的{n}名老年人办理高龄津贴，无需本人申请
M 按时足额发放。{pm}月份共发放高龄津贴{amt}万元，全部通过“一卡通”打卡到户
M 开展动态核查。与公安、卫健部门比对户籍和死亡信息，及时停发{k}名已故人员津贴，追回资金{amt2}万元
F 截至目前，全县享受高龄津贴老年人{N}人，今年以来累计发放{AMT}万元
X 持续完善高龄津贴动态管理，确保津贴精准发放
@ 养老机构安全 | 养老机构安全隐患排查整治 | 入住老年人 | 守牢养老服务领域安全底线
T 我县开展养老机构安全隐患“大排查” | 县民政局“四不两直”暗访养老机构安全生产
M 全面排查隐患。组织{k}个检查组对全县{k2}家养老机构开展拉网式排查，重点检查消防设施、用电用气、食品安全
M 建立整改清单。对排查发现的{n}处隐患建立台账，明确责任人和整改时限，实行销号管理
M 开展应急演练。指导各养老机构开展消防疏散演练{k2}场次，提升工作人员应急处置能力
M 压实主体责任。与各养老机构签订安全责任书，落实院长负总责、每日巡查制度
F 截至目前，排查发现的{n}处安全隐患已整改{pct}%
X 建立养老机构安全管理长效机制，坚决防范各类安全事故发生
== 社会事务股
@ *残疾人两项补贴 | 残疾人两项补贴精准发放 | 困难残疾人和重度残疾人 | 保障残疾人基本生活
T 我县{N}名残疾人按时领到“两项补贴” | {town}上门服务 残疾人两项补贴申领“零跑腿”
M 推行“跨省通办”。残疾人两项补贴申请实现全程网办，今年以来网上受理申请{n}件
M 开展上门办理。对行动不便的{k}名重度残疾人提供上门评估、上门办理服务
M 强化数据比对。每季度与残联、公安等部门比对数据，动态调整补贴对象{n2}人次
F {pm}月份，全县发放困难残疾人生活补贴和重度残疾人护理补贴共计{amt}万元，惠及{N}人
X 进一步提高补贴发放精准度，让残疾人感受到更多温暖
@ 流浪乞讨救助 | 流浪乞讨人员救助管理 | 流浪乞讨人员 | 保障流浪乞讨人员人身安全和基本生活
T 我县开展流浪乞讨人员专项救助行动 | {town}帮助{k}名流浪人员返乡团圆
M 加强街面巡查。组建{k}支街面巡查小分队，在车站、桥洞、广场等重点区域开展常态化巡查
M 做好救助服务。为受助人员提供饮食、住宿、医疗等救助服务，今年以来累计救助{n}人次
M 开展寻亲服务。综合运用人脸识别、DNA比对等方式，帮助{k2}名长期滞留人员成功寻亲返乡
M 强化源头治理。对返乡人员开展跟踪回访，协调落实低保、特困等政策，防止再次流浪
F 今年以来，全县累计救助流浪乞讨人员{n}人次，护送返乡{k2}人
X 持续开展街面巡查和寻亲服务，织密流浪乞讨人员救助网络
@ 临时救助站 | 临时救助站规范运行 | 临时遇困人员 | 临时遇困群众得到及时救助
T 我县{k}个乡镇临时救助站实现规范化运行 | {town}临时救助站为{n}名遇困群众送去温暖
M 完善站点设施。在{town}、{town2}等乡镇设立临时救助站{k}个，配备床铺、被褥、药品等基本生活物资
M 规范工作流程。统一制定临时救助站接待、登记、护送等工作流程，做到“进站有登记、离站有交接”
M 落实值班制度。每个站点明确2至3名值班人员，遇极端天气延长开放时间
F 今年以来，全县临时救助站累计接待临时遇困人员{n}人次
X 进一步加强临时救助站建设管理，提升救助服务能力
== 儿童福利股
@ 留守儿童 | 农村留守儿童关爱保护 | 农村留守儿童 | 农村留守儿童的“保护伞”更加牢固
T 我县开展农村留守儿童“情暖童心”关爱行动 | {town}为{n}名留守儿童建立“一人一档”
M 开展摸底排查。组织儿童主任对农村留守儿童逐一走访，建立“一人一档”，共摸排留守儿童{N}名
M 落实监护责任。督促外出务工父母与受委托监护人签订委托监护协议{n}份，确保监护到位
M 开展关爱服务。联合团县委、县妇联在{vil}等村开展课业辅导、心理疏导等活动{k}场次
F 截至目前，全县共有农村留守儿童{N}名，已全部落实有效监护
X 持续完善留守儿童关爱服务体系，让每一名留守儿童健康成长
@ 困境儿童 | 困境儿童分类保障 | 困境儿童 | 保障困境儿童基本生活
T 我县足额发放孤儿和事实无人抚养儿童基本生活费 | {town}“一对一”帮扶{k}名困境儿童
M 提高保障标准。孤儿和事实无人抚养儿童基本生活费按月足额发放，{pm}月份发放{amt}万元
M 实施精准帮扶。对{k}名困境儿童落实“一对一”帮扶责任人，定期入户探访
M 链接社会资源。协调爱心企业捐赠助学金{amt2}万元，资助困境儿童{n}名
F 截至目前，全县纳入保障的孤儿和事实无人抚养儿童共{n2}名，今年以来发放基本生活费{amt}万元
X 健全困境儿童分类保障制度，确保困境儿童应保尽保
@ 儿童主任 | 儿童主任队伍建设 | 基层儿童工作者 | 夯实基层儿童关爱服务力量
T 我县举办儿童督导员和儿童主任业务培训班 | {town}儿童主任“跑腿”服务困境儿童
M 实现配备全覆盖。全县{V}个村（社区）全部配备儿童主任，乡镇配备儿童督导员{k}名
M 开展专题培训。邀请专家围绕政策解读、个案管理等内容授课，培训儿童主任{n}人次
M 建立考核机制。将入户走访、信息报送等纳入考核，评选优秀儿童主任{k}名
F 今年以来，全县儿童主任累计入户走访{N}户次，排查化解风险隐患{k}起
X 持续加强儿童主任队伍建设，提升基层儿童关爱服务水平
== 基层政权和社区建设股
@ 换届 | 村（居）民委员会换届选举 | 村（居）委会班子 | 确保换届选举风清气正 | 10,11,12,1,2,3,4,5,6
T 我县村（居）委会换届选举工作全面启动 | {town}村（居）委会换届选举平稳有序
M 加强组织领导。成立换届选举工作领导小组，召开动员部署会，对全县{V}个村（社区）换届工作作出安排
M 严把人选资格。会同纪委监委、公安等部门对{n}名候选人开展资格联审，取消不符合条件人选{k}名
M 强化业务培训。举办换届选举业务培训班{k}期，培训乡镇、村（社区）工作人员{n2}人次
M 严肃换届纪律。公布换届纪律“十严禁”，开通举报电话和邮箱，营造风清气正的换届环境
F 截至目前，全县{V}个村（社区）已有{pct}%完成选举任务
X 做好换届后续工作，加强新任村（居）委会成员培训
@ 社区治理 | 城乡社区治理 | 社区居民 | 提升城乡社区治理和服务水平
T {town}“网格+”模式激活社区治理“一池春水” | 我县推进“一征三议两公开”社区协商议事
M 完善网格管理。将城乡社区划分为{n}个网格，每个网格配备1名专职网格员，做到“小事不出网格”
M 推进协商议事。指导{k}个社区建立居民议事会，今年以来协商解决停车难、环境整治等问题{n}件
M 建设服务设施。投入资金{amt}万元改造提升{town}等乡镇社区综合服务设施{k2}处
F 今年以来，全县城乡社区累计办理群众“微心愿”{N}件
X 持续深化城乡社区治理创新，推动治理重心向基层下移
@ 村务公开 | 村务公开和民主管理 | 农村群众 | 保障农村群众知情权、参与权和监督权
T 我县规范村务公开 让村级事务“晒”在阳光下 | {town}推行“阳光村务”清单化管理
M 规范公开内容。制定村务公开目录清单，明确财务收支、惠民资金等{k}类公开事项
M 创新公开方式。在传统公开栏基础上，通过村级微信群、“村村响”广播等渠道同步公开
M 开展专项督查。组织对{k2}个村的村务公开情况开展督查，督促整改问题{n}个
F 截至目前，全县268个行政村均建立了规范的村务公开栏，公开事项达标率{pct}%
X 持续推进村务公开规范化，健全村级民主监督机制
== 区划地名股
@ *地名普查 | 地名普查成果转化利用 | 地名信息 | 让地名信息更好服务群众
T 我县地名普查成果转化利用取得新进展 | 我县编纂《示例县标准地名录》 收录地名{N}条
M 完善地名数据。对全县{N}条地名信息进行核对更新，完成地名数据库年度维护
M 编纂地名图书。组织编纂地名录、地名故事等图书{k}部，挖掘整理地名文化故事{n}个
M 推进数据共享。将标准地名数据推送至地图导航平台，方便群众出行
F 截至目前，全县标准地名数据库共收录地名{N}条，更新率达{pct}%
X 加快地名普查成果转化，推动地名文化保护传承
@ *界线联检 | 行政区域界线联合检查 | 毗邻乡镇 | 维护行政区域边界地区和谐稳定 | 4,5,6,10
T 我县圆满完成县级行政区域界线联合检查 | 我县与毗邻县开展界线联检 共筑平安边界
M 制定检查方案。会同毗邻县民政部门制定联检方案，明确检查任务和分工
M 开展实地检查。组织{k}个检查组对{n}公里界线、{k2}个界桩进行实地检查，修复损毁界桩{k3}个
M 化解边界纠纷。对检查中发现的边界矛盾及时协调处理，做到早发现、早化解
F 本次联检共检查界线{n}公里，检查界桩{k2}个
X 建立平安边界长效机制，维护边界地区和谐稳定
@ 门牌 | 城乡门楼牌规范设置 | 城乡居民 | 方便群众生产生活
T {town}完成{N}块门楼牌安装 | 我县推进“乡村著名行动” 为{k2}个村庄规范命名设标
M 统一设置标准。按照“一户一牌、一路一标”要求，统一门楼牌式样和编号规则
M 加快安装进度。今年以来在{town}、{town2}等乡镇安装门楼牌{N}块、路牌{n}块
M 开展乡村地名命名。对{k2}个村组道路、自然村进行规范命名，设置地名标志{n2}块
F 截至目前，全县城乡门楼牌设置完成率达{pct}%
X 持续推进门楼牌规范设置和管理维护，提升地名公共服务水平
@ 地名文化 | 地名文化保护 | 历史地名 | 留住乡愁、传承地名文化
T 我县公布第一批{k}个县级地名文化遗产保护名录 | {town}讲好地名故事 留住乡愁记忆
M 开展地名文化遗产认定。组织专家对{n}个历史地名开展调查论证，首批认定县级地名文化遗产{k}个
M 规范地名命名更名。严格执行地名管理条例，对不规范地名进行清理整治，今年以来清理整治{k2}条
M 讲好地名故事。联合县融媒体中心开设“地名里的示例县”专栏，推出地名故事{k}期
F 截至目前，全县已有{k}个地名列入县级地名文化遗产保护名录
X 深入挖掘地名文化内涵，加强历史地名保护
== 慈善事业促进和社会工作股
@ 慈善募捐 | 慈善募捐 | 困难群众 | 凝聚社会爱心力量助力民生保障
T 我县“慈善一日捐”活动募集善款{AMT}万元 | {town}“99公益日”筹款{amt}万元助力困难群众
M 广泛宣传发动。通过县融媒体、村（社区）微信群等渠道发出倡议，全县{k2}家单位积极响应
M 规范募捐管理。所有捐款统一进入县慈善会专户，实行专账管理，定期公开收支情况
M 精准使用善款。募集善款重点用于助学、助医、助困等项目，已资助困难群众{n}户
F 截至目前，全县共募集慈善款物{AMT}万元，支出善款{amt}万元
X 持续打造慈善品牌项目，推动慈善事业高质量发展
@ 社工站 | 乡镇（街道）社工站建设 | 基层群众 | 打通民政服务“最后一米”
T 我县乡镇社工站实现全覆盖 | {town}社工站“专业力量”温暖困难群众
M 推进站点建设。在全县8个乡镇建成社工站，配备专职社会工作者{k2}名
M 开展专业服务。社工站围绕困难群众、老年人、儿童等群体开展个案服务{n2}个、小组活动{k2}场次
M 加强人才培养。组织社工参加职业水平考试培训，今年新增持证社会工作者{k}名
F 今年以来，全县社工站累计服务群众{N}人次
X 持续推进社工站提质增效，提升专业服务水平
@ 志愿服务 | 民政志愿服务 | 困难群众 | 弘扬志愿服务精神
T 我县民政志愿服务队“敲门行动”温暖{n}户困难家庭 | {town}志愿者走进敬老院开展“银龄关爱”服务
M 壮大志愿队伍。组建民政志愿服务队{k}支，注册志愿者{N}名
M 开展特色服务。围绕关爱老年人、留守儿童等开展志愿服务活动{n}场次
M 健全激励机制。实行志愿服务时长积分兑换，评选优秀志愿者{k2}名
F 今年以来，全县民政志愿者累计服务时长{N}小时，服务群众{n2}人次
X 推动民政志愿服务常态化、制度化
== 社会组织管理股
@ *社会组织年检 | 社会组织年度检查 | 社会组织 | 促进社会组织健康有序发展
T 我县完成{k2}家社会组织年度检查 | 县民政局推行社会组织年检“线上办”
M 推行网上年检。社会组织年检全部通过网上平台办理，实现“零跑腿”
M 严格审查把关。对社会组织的财务状况、业务活动等进行重点审查，对{k}家存在问题的组织下达整改通知
M 强化结果运用。将年检结果向社会公开，对连续两年未参加年检的社会组织依法撤销登记
F 截至目前，全县{k2}家社会组织参检率达{pct}%
X 加强社会组织事中事后监管，引导社会组织规范发展
@ *行业协会 | 行业协会商会规范发展 | 行业协会商会 | 推动行业协会商会服务发展大局
T 我县开展行业协会商会乱收费专项整治 | 我县{k}家行业协会商会助力乡村振兴
M 开展专项整治。对全县{k2}家行业协会商会收费情况进行全面排查，清退不合理收费{amt}万元
M 引导服务发展。组织行业协会商会参与“万企兴万村”行动，结对帮扶村{k}个
M 加强党建引领。推动行业协会商会党的组织和党的工作全覆盖
F 截至目前，全县共有行业协会商会{k2}家，今年以来开展行业服务活动{n}场次
X 持续规范行业协会商会运行，激发社会组织活力
@ *非法社会组织 | 打击整治非法社会组织 | 非法社会组织 | 净化社会组织发展环境
T 我县开展打击整治非法社会组织专项行动
M 开展排查摸底。联合公安、市场监管等部门，对重点领域开展排查，发现可疑线索{k}条
M 依法处置取缔。对核实的非法社会组织依法予以取缔，并向社会公布
M 加强宣传引导。发放宣传资料{N}份，引导群众自觉抵制非法社会组织
F 今年以来，全县共排查各类组织线索{k2}条，依法取缔非法社会组织{k3}个
X 保持打击整治高压态势，营造良好社会组织发展环境
== 婚姻登记中心
@ *婚姻登记 | 婚姻登记规范化服务 | 登记群众 | 群众享受便捷高效的婚姻登记服务
T 我县婚姻登记“跨省通办”便民利民 | 县婚姻登记中心推出“预约+延时”服务
M 推行“跨省通办”。实现内地居民婚姻登记“跨省通办”，今年以来办理跨省婚姻登记{n}对
M 提供预约服务。开通线上预约渠道，在节假日、特殊日期提供延时服务
M 开展婚姻家庭辅导。设立婚姻家庭辅导室，今年以来提供婚姻家庭辅导{n2}次，成功劝和{k}对
F 今年以来，县婚姻登记中心共办理结婚登记{N}对、离婚登记{n}对
X 持续提升婚姻登记服务质量，打造群众满意窗口
@ *颁证仪式 | 结婚登记颁证服务 | 新人 | 弘扬文明婚俗新风
T 县婚姻登记中心举办集体颁证仪式 {k}对新人喜领结婚证 | “我们结婚啦” 县婚姻登记中心为新人送上专属仪式感
M 打造颁证场所。投入资金{amt}万元建成结婚登记颁证大厅，营造庄重温馨的颁证氛围
M 邀请嘉宾颁证。邀请劳动模范、道德模范等担任颁证嘉宾，为新人颁发结婚证
M 倡导文明新风。在颁证仪式上发出婚事新办倡议，引导新人树立正确婚恋观
F 今年以来，县婚姻登记中心共举办颁证仪式{k2}场，为{n}对新人颁证
X 持续推广颁证服务，让婚姻登记更有温度
@ 婚俗改革 | 婚俗改革 | 适婚青年 | 推动移风易俗、抵制高价彩礼
T 我县深化婚俗改革 推动“彩礼”降温 | {town}婚事新办写入村规民约 遏制高额彩礼
M 完善村规民约。指导{k2}个村（社区）将抵制高价彩礼、婚事新办写入村规民约
M 发挥红白理事会作用。全县红白理事会实现全覆盖，今年以来指导婚事新办{n}场
M 加强宣传引导。开展婚俗改革宣传活动{k}场次，评选“最美家庭”{k2}户
F 今年以来，全县婚事新办{n}场，为群众节约开支{amt}万元
X 持续深化婚俗改革，推动形成文明健康的婚俗新风
== 殡葬管理所
@ *清明祭扫 | 清明祭扫服务保障 | 祭扫群众 | 确保清明祭扫安全有序 | 3,4
T 我县“文明祭扫、平安清明”工作有序开展 | 我县推出网上祭扫、代客祭扫等便民服务
M 强化安全保障。会同公安、消防等部门在{k}处公墓开展联合检查，严防森林火灾
M 提供便民服务。开通网上祭扫平台，提供代客祭扫服务{n}次
M 倡导文明祭扫。发放文明祭扫倡议书{k3}万份，引导群众以鲜花祭扫、植树祭扫等方式缅怀先人
F 清明期间，全县各公墓共接待祭扫群众{N}人次，未发生安全事故
X 巩固文明祭扫成果，持续推进殡葬移风易俗
@ 殡葬改革 | 殡葬改革 | 群众 | 推动殡葬移风易俗
T 我县深化殡葬改革 推动丧事简办 | {town}红白理事会助力“厚养薄葬”
M 推行惠民殡葬政策。对全县户籍居民减免基本殡葬服务费用，今年以来减免{amt}万元，惠及{n}户
M 整治散埋乱葬。开展散埋乱葬专项治理，完成整治{k}处
M 倡导丧事简办。发挥红白理事会作用，今年以来为群众节约丧葬开支{amt2}万元
F 今年以来，全县火化率保持在{pct}%以上
X 深入推进殡葬改革，倡导文明节俭治丧新风
@ 公益性公墓 | 农村公益性公墓建设管理 | 农村群众 | 满足群众基本安葬需求
T 我县新建农村公益性公墓{k}处 | {town}公益性公墓建设管理规范有序
M 科学规划布局。按照“一乡一墓”原则，在{town}、{town2}等乡镇规划建设农村公益性公墓
M 规范建设管理。严格墓位面积标准，公益性公墓墓位全部实行节地生态安葬
M 落实管护责任。明确公墓管护人员{k}名，建立日常巡查管理制度
F 截至目前，全县建成农村公益性公墓{k2}处，可提供墓位{N}个
X 加强公益性公墓管理维护，推动节地生态安葬
"""

GENERIC_TITLES = [
    "我县多措并举扎实做好{work}工作",
    "县民政局“{motto}”推进{work}",
    "{town}扎实推进{work}",
    "我县{work}工作取得阶段性成效",
    "{town}念好“{word}”字诀 做实{work}",
    "县民政局部署推进{work}工作",
    "我县开展{work}专项督查",
    "{town}创新举措推动{work}落地见效",
    "聚焦群众急难愁盼 我县持续深化{work}",
    "我县“三个坚持”抓实{work}",
    "{town}以“小切口”推动{work}“大提升”",
    "县民政局多举措提升{work}质效",
    "{town}：{work}跑出“加速度”",
]
MOTTOS = ["四个到位", "三项机制", "清单化管理", "一户一策", "五个一", "网格化服务"]
LEADS = [
    ("今年以来，县民政局坚持以人民为中心的发展思想，聚焦{goal}，扎实推进{work}工作。{fact}。", False),
    ("为{goal}，{when}，县民政局{adv}，全力推进{work}工作，取得明显成效。{fact}。", False),
    ("{when}，{town}把{work}作为保障和改善民生的重要抓手，{adv}，推动各项措施落地见效。{fact}。", True),
    ("近期，县民政局对{work}工作进行再部署、再推进，要求各乡镇{adv}，{goal}。{fact}。", False),
    ("{when}，{town}紧紧围绕“{goal}”目标，{adv}，扎实推进{work}工作。{fact}。", True),
]
ADVS = ["多措并举", "精准发力", "统筹协调", "高位谋划", "持续用力", "压实责任"]
ENDS = [
    "切实兜牢民生底线",
    "不断增强群众的获得感、幸福感、安全感",
    "推动民政事业高质量发展",
    "为全县经济社会发展贡献民政力量",
]
PADS = [
    "同时，建立健全工作台账，实行周调度、月通报制度，确保各项任务按时保质完成。",
    "工作中，坚持问题导向，对群众反映的问题建立清单、限时办结，群众满意度持续提升。",
    "在此基础上，将该项工作纳入乡镇民政工作年度考核，进一步压紧压实工作责任。",
]
ORD = "一二三四"

LEVEL_BODIES = {
    "bureau": ["本局简报"],
    "county": ["县委办", "县政府办"],
    "city": ["市委办", "市政府办", "市民政局"],
    "province": ["省政府办公厅", "省民政厅"],
    "national": ["国务院办公厅", "民政部"],
}
LEVELS = list(LEVEL_BODIES)
FORMS = ["专报", "简报", "快报", "摘编"]
LEADERS = {
    "county": ["县委书记 王建华", "县长 孙建国", "县委副书记 赵志刚", "副县长 刘志强"],
    "city": ["副市长 钱立新", "市民政局局长 郑宏远"],
    "province": ["副省长 林志诚"],
}
NOTES = [
    "请县民政局牵头抓好落实",
    "此做法很好，请认真总结，在全县推广",
    "要高度重视，确保困难群众温暖过冬",
    "请有关部门密切配合，形成工作合力",
    "请持续跟踪，及时报告进展情况",
    "做法可圈可点，望再接再厉",
]

# Urgent events: section, event_time, minutes until reported upward (None = not yet), title, body.
EVENTS = [
    (
        "社会救助股",
        "2025-10-12 05:40",
        75,
        "河西镇遭遇短时强降雨 12户困难群众房屋受损",
        "10月12日5时40分许，河西镇遭遇短时强降雨，局部降雨量达86毫米，造成杨庄村、桃园村12户困难群众房屋不同程度受损，其中3户房屋局部倒塌，无人员伤亡。|"
        "险情发生后，县民政局立即启动应急响应，会同河西镇党委、政府开展灾情核查。一是迅速转移安置受灾群众，将3户危房户9名群众转移至亲友家和村委会集中安置点；二是紧急调拨棉被60床、折叠床20张及米面油等生活物资；三是对受灾困难家庭实施临时救助，先行发放临时救助金2.4万元。|"
        "目前，受灾群众情绪稳定，基本生活得到保障。县民政局将持续跟踪灾情，配合住建部门做好受损房屋修缮工作。",
    ),
    (
        "养老服务股",
        "2025-12-18 11:20",
        50,
        "石桥镇敬老院厨房发生火情 入住老人全部安全转移",
        "12月18日11时20分许，石桥镇敬老院厨房因排烟管道积油引发火情。院内值班人员第一时间使用灭火器处置，并组织46名入住老人有序疏散至院内空旷场地，消防救援人员到场后于11时45分将明火完全扑灭，未造成人员伤亡。|"
        "事发后，县民政局分管负责同志带领养老服务股赶赴现场，一是逐一核查老人身体状况，安排镇卫生院医护人员现场巡诊；二是对厨房设施进行停用检修，临时由镇机关食堂保障老人用餐；三是立即在全县养老机构开展厨房排烟管道专项清洗和消防安全隐患排查。|"
        "下一步，县民政局将举一反三，严格落实养老机构消防安全主体责任。",
    ),
    (
        "社会救助股",
        "2026-01-22 06:30",
        220,
        "我县应对冰冻雨雪天气紧急转移安置困难群众86人",
        "受强冷空气影响，1月22日凌晨起我县出现大范围冰冻雨雪天气，6时30分许青山乡、白马乡部分山区道路结冰，有危房户和独居老人面临安全风险。|"
        "县民政局迅速启动冬春救助应急预案：一是会同乡镇逐户排查低保、特困、独居老人等重点对象，紧急转移安置困难群众86人，安置到敬老院、村委会和亲友家中；二是调拨棉被、棉大衣、取暖器等物资共计420件；三是开放县救助管理站和各乡镇临时救助站，确保流浪乞讨人员有避寒场所。|"
        "截至目前，全县未发生因冻受灾困难群众伤亡情况。",
    ),
    (
        "社会事务股",
        "2026-03-05 14:15",
        None,
        "新集镇一名流浪人员街头突发疾病 县救助管理站紧急施救",
        "3月5日14时15分许，新集镇集贸市场附近一名流浪人员突发疾病倒地，意识模糊。群众发现后向镇政府报告，县救助管理站接报后立即会同镇卫生院赶赴现场。|"
        "一是第一时间联系120急救车将其送往县人民医院救治，经诊断为脑梗死，目前生命体征平稳；二是安排专人在医院陪护，先行垫付医疗费用0.8万元；三是会同公安机关通过人脸识别等方式查询其身份信息，开展寻亲工作。|"
        "县救助管理站将持续跟进救治情况，待病情稳定后做好后续救助和返乡护送工作。",
    ),
    (
        "殡葬管理所",
        "2026-04-04 10:05",
        40,
        "青山乡公益性公墓周边发生林地火情 已及时扑灭",
        "4月4日10时05分许，青山乡公益性公墓东侧林地因祭扫群众焚烧纸钱引发火情，过火面积约0.3亩。现场值守人员立即组织扑救，乡专业扑火队10分钟内到达现场，10时40分明火被全部扑灭，未造成人员伤亡。|"
        "火情发生后，殡葬管理所一是加派巡查人员，在公墓入口设置劝导点，严禁携带火种进入；二是联合森林防火部门对全县各公墓周边开展拉网式巡查；三是通过“村村响”广播持续倡导鲜花祭扫、网络祭扫。|"
        "殡葬管理所将会同有关部门进一步加强清明期间安全管理，确保祭扫活动安全有序。",
    ),
    (
        "养老服务股",
        "2026-06-15 12:40",
        145,
        "柳林镇一养老机构发生疑似食物中毒事件",
        "6月15日12时40分许，柳林镇颐康养老院部分入住老人午餐后出现腹痛、呕吐等症状，共涉及老人7名。养老院立即将7名老人送往镇卫生院救治，经治疗均已脱离危险。|"
        "事件发生后，县民政局会同县市场监管局、县卫健局赶赴现场处置：一是封存当日留样食品和剩余食材，送检查明原因；二是责令该院暂停食堂供餐，由定点餐饮单位临时配送；三是在全县养老机构开展食品安全专项检查，督促落实食品留样和进货查验制度。|"
        "目前，7名老人病情稳定，事件原因正在进一步调查中。",
    ),
    (
        "社会救助股",
        "2026-07-20 03:30",
        100,
        "双河镇遭受强降雨袭击 民政部门紧急救助受灾困难群众",
        "7月20日3时30分许，双河镇遭受强降雨袭击，3小时降雨量达120毫米，造成李集村、王楼村部分低洼地带积水，23户群众房屋进水，其中困难群众9户。|"
        "灾情发生后，县民政局立即启动自然灾害救助应急响应：一是协助乡镇转移安置受灾群众67人；二是调拨帐篷15顶、折叠床40张、矿泉水和方便食品等救灾物资一批；三是对受灾困难群众及时实施临时救助，发放临时救助金3.6万元。|"
        "目前，积水已基本退去，受灾群众基本生活得到妥善保障。",
    ),
    (
        "儿童福利股",
        "2026-09-13 19:20",
        None,
        "白马乡一名困境儿童走失后被安全找回",
        "9月13日19时20分许，白马乡柏树村一名10岁困境儿童放学后未按时回家，其祖母向村儿童主任求助。村儿童主任立即报告乡民政办，并会同派出所、村干部和志愿者分头寻找。|"
        "当晚21时许，该儿童在邻村亲戚家中被找到，身体无恙。事后，儿童福利股一是指导乡民政办对该儿童家庭开展监护评估，落实监护责任；二是安排儿童主任每周入户探访；三是在全县开展困境儿童监护情况排查。|"
        "儿童福利股将进一步压实儿童主任、儿童督导员责任，防范类似情况发生。",
    ),
    (
        "社会事务股",
        "2026-11-20 21:10",
        None,
        "寒潮来袭 城关镇一名流浪人员突发疾病被紧急送医",
        "11月20日21时10分许，受寒潮影响我县气温骤降至零下4摄氏度，城关镇人民广场附近一名流浪人员突发疾病，巡查队员发现后立即拨打120急救电话。|"
        "县救助管理站接报后迅速赶赴现场：一是协助将其送往县人民医院救治，目前病情已初步稳定；二是安排工作人员陪护并先行垫付医疗费用；三是加密城关镇车站、桥洞等重点区域夜间巡查频次，劝导流浪人员入站避寒。|"
        "县救助管理站将做好后续救助、身份甄别和寻亲工作。",
    ),
]

# Appointment notices: id, title, issued, deadline, sections (None = all), subject, focus,
# status per asked section (on_time / late / missed / pending), preferred topics.
ON, LATE, MISS, PEND = "on_time", "late", "missed", "pending"
REQUESTS = [
    (
        "YG-2025-01",
        "关于报送冬春救助工作开展情况的约稿通知",
        "2025-11-10",
        "2025-11-20",
        ["社会救助股", "社会事务股"],
        "冬春救助工作开展情况",
        "困难群众排查摸底、冬春救助资金物资发放、流浪乞讨人员寒冬救助等方面的好做法和典型案例",
        {"社会救助股": ON, "社会事务股": LATE},
        ["冬春救助", "流浪乞讨救助"],
    ),
    (
        "YG-2025-02",
        "关于报送岁末年初民政服务保障工作信息的约稿通知",
        "2025-12-08",
        "2025-12-19",
        None,
        "岁末年初民政服务保障工作",
        "困难群众基本生活保障、养老机构和救助机构安全、节日期间便民服务等工作的具体措施和成效",
        dict(zip(SECTION_NAMES, [ON, ON, ON, ON, LATE, ON, ON, LATE, MISS, MISS])),
        ["冬春救助", "养老机构安全", "流浪乞讨救助", "困境儿童", "社区治理", "门牌", "慈善募捐", "社会组织年检"],
    ),
    (
        "YG-2026-01",
        "关于报送春节前走访慰问困难群众工作情况的约稿通知",
        "2026-01-12",
        "2026-01-22",
        ["社会救助股", "养老服务股", "儿童福利股"],
        "春节前走访慰问困难群众工作情况",
        "走访慰问困难群众、特困人员、高龄老人、困境儿童的覆盖面、资金物资和群众反映",
        {"社会救助股": ON, "养老服务股": ON, "儿童福利股": MISS},
        ["冬春救助", "高龄津贴", "困境儿童"],
    ),
    (
        "YG-2026-02",
        "关于报送清明节祭扫服务保障工作情况的约稿通知",
        "2026-03-16",
        "2026-03-27",
        ["殡葬管理所", "基层政权和社区建设股"],
        "清明节祭扫服务保障工作",
        "祭扫安全保障、文明祭扫倡导、村（社区）移风易俗和红白理事会作用发挥",
        {"殡葬管理所": ON, "基层政权和社区建设股": LATE},
        ["清明祭扫", "社区治理"],
    ),
    (
        "YG-2026-03",
        "关于报送养老服务体系建设典型经验的约稿通知",
        "2026-04-13",
        "2026-04-24",
        ["养老服务股", "慈善事业促进和社会工作股", "社会组织管理股"],
        "养老服务体系建设典型经验",
        "居家社区养老、老年助餐、社会力量参与养老服务的创新做法和可复制推广的经验",
        {"养老服务股": ON, "慈善事业促进和社会工作股": LATE, "社会组织管理股": MISS},
        ["老年食堂", "居家养老", "志愿服务", "行业协会"],
    ),
    (
        "YG-2026-04",
        "关于报送未成年人关爱保护工作情况的约稿通知",
        "2026-05-25",
        "2026-06-05",
        ["儿童福利股", "社会事务股", "慈善股"],
        "未成年人关爱保护工作",
        "留守儿童和困境儿童关爱服务、儿童主任履职、社会力量参与儿童关爱的做法",
        {"儿童福利股": ON, "社会事务股": MISS, "慈善事业促进和社会工作股": ON},
        ["留守儿童", "流浪乞讨救助", "志愿服务"],
    ),
    (
        "YG-2026-05",
        "关于报送民政重点工作阶段性成效的约稿通知",
        "2026-08-24",
        "2026-09-04",
        None,
        "民政重点工作阶段性成效",
        "年度重点任务推进情况、取得的阶段性成效、存在的困难和下一步打算，数据截至8月底",
        dict(zip(SECTION_NAMES, [ON, ON, ON, LATE, ON, LATE, ON, MISS, ON, MISS])),
        [],
    ),
    (
        "YG-2026-06",
        "关于报送今冬明春困难群众救助帮扶工作情况的约稿通知",
        "2026-11-16",
        "2026-11-28",
        ["社会救助股", "养老服务股", "社会事务股", "基层政权股"],
        "今冬明春困难群众救助帮扶工作",
        "冬春救助资金物资筹措发放、特殊困难老年人探访关爱、流浪乞讨人员寒冬救助、村（社区）排查预警",
        {"社会救助股": ON, "养老服务股": PEND, "社会事务股": PEND, "基层政权和社区建设股": PEND},
        ["冬春救助", "居家养老", "流浪乞讨救助"],
    ),
    (
        "YG-2026-07",
        "关于报送2026年度民政工作亮点和特色做法的约稿通知",
        "2026-11-20",
        "2026-12-05",
        ["区划地名股", "婚姻登记中心", "殡葬管理所"],
        "2026年度民政工作亮点和特色做法",
        "全年工作中有创新、有成效、群众认可度高的亮点工作，用数据和事例说话",
        {"区划地名股": ON, "婚姻登记中心": PEND, "殡葬管理所": PEND},
        ["门牌"],
    ),
]
PHONES = {
    "流浪乞讨救助": "群众发现流浪乞讨人员，可及时联系县救助管理站，联系电话 138 1234 5678。",
    "慈善募捐": "有意参与捐赠的爱心单位和个人，可联系县慈善会，联系电话 159 0371 2468。",
}


def parse_topics(text):
    topics, sec = {}, None
    for line in text.strip().splitlines():
        tag, _, rest = line.strip().partition(" ")
        if tag == "==":
            sec = rest
            topics[sec] = []
        elif tag == "@":
            key, work, obj, goal, *mon = [s.strip() for s in rest.split("|")]
            topics[sec].append(
                dict(
                    key=key.lstrip("*"),
                    county=key.startswith("*"),
                    work=work,
                    obj=obj,
                    goal=goal,
                    months=[int(m) for m in mon[0].split(",")] if mon else None,
                    T=[],
                    M=[],
                    F=[],
                    X=[],
                    base=rng.randint(800, 6800),
                    k2=rng.randint(12, 60),
                )
            )
        else:
            topics[sec][-1][tag] += rest.split(" | ") if tag == "T" else [rest]
    return topics


TOPICS = parse_topics(TOPICS_TEXT)


def cjk(text):
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def pick_date(a, b, avoid=()):
    """A random day in [a, b], mostly a working day, outside the months in `avoid`."""
    days = [a + dt.timedelta(i) for i in range((b - a).days + 1)]
    days = [d for d in days if (d.year, d.month) not in avoid] or days
    work = [d for d in days if d.weekday() < 5] or days
    return rng.choice(work if rng.random() < 0.9 else days)


def numbers():
    """Fresh figures: the title and lead fact share one set, each measure gets its own."""
    return dict(
        n=rng.randint(12, 480),
        n2=rng.randint(20, 360),
        k=rng.randint(3, 18),
        k3=rng.randint(2, 6),
        amt=f"{rng.uniform(3, 96):.1f}",
        amt2=f"{rng.uniform(0.5, 5):.1f}",
        AMT=f"{rng.uniform(120, 1900):.1f}",
        pct=f"{rng.uniform(92, 99.8):.1f}",
    )


def values(topic, d):
    towns = rng.sample(TOWNS, 2)
    N = int(topic["base"] * rng.uniform(0.97, 1.03))  # county totals drift slowly per topic
    return dict(
        numbers(),
        town=towns[0],
        town2=towns[1],
        vil=rng.choice(VILLAGES),
        N=N,
        p=int(N * rng.uniform(1.45, 1.9)),
        V=286,
        k2=topic["k2"],
        pm=(d.month - 2) % 12 + 1,
        work=topic["work"],
        obj=topic["obj"],
        goal=topic["goal"],
        motto=rng.choice(MOTTOS),
        word=rng.choice("实细准暖快"),
        adv=rng.choice(ADVS),
    )


def make_title(topic, v, used):
    for _ in range(50):
        pool = (
            topic["T"]
            if rng.random() < 0.55
            else [t for t in GENERIC_TITLES if not (topic["county"] and t.startswith("{town}"))]
        )
        title = rng.choice(pool).format_map(v)
        if title not in used:
            used.add(title)
            return title, v
        v = dict(
            v,
            town=rng.choice(TOWNS),
            n=rng.randint(12, 480),
            k=rng.randint(3, 18),
            amt=f"{rng.uniform(3, 96):.1f}",
            AMT=f"{rng.uniform(120, 1900):.1f}",
        )
    raise RuntimeError(f"no fresh title for {topic['key']}")


def make_body(topic, v, d, local):
    whens = ["近期", f"{d.month}月以来"] + (["入冬以来"] if d.month in (11, 12, 1, 2) else [])
    lead = rng.choice([t for t, loc in LEADS if loc == local])
    facts = rng.sample(topic["F"], len(topic["F"]))
    v = dict(v, when=rng.choice(whens), fact=facts[0].format_map(v))
    paras = [lead.format_map(v)]
    ms = [m.format_map(dict(v, **numbers())).split("。", 1) for m in rng.sample(topic["M"], len(topic["M"]))]
    count, style = rng.choice([3, 3, 4]), rng.random()
    if style < 0.15 and len(ms) >= 2:  # narrative
        paras.append(
            f"工作中，{ms[0][1]}；同时，{ms[1][1]}。" + (f"{facts[1]}。".format_map(v) if len(facts) > 1 else "")
        )
    elif style < 0.45:  # one paragraph 一是…二是…
        paras.append("".join(f"{ORD[i]}是{h}。{t}。" for i, (h, t) in enumerate(ms[:count])))
    else:  # one paragraph each, head in bold half of the time
        bold = rng.random() < 0.5
        paras += [
            (f"**{ORD[i]}是{h}。**{t}。" if bold else f"{ORD[i]}是{h}。{t}。") for i, (h, t) in enumerate(ms[:count])
        ]
    actor = v["town"] if local else "县民政局"
    paras.append(f"下一步，{actor}将{rng.choice(topic['X'])}，{rng.choice(ENDS)}。")
    for pad in rng.sample(PADS, len(PADS)):  # short topics get a generic sentence or two
        if cjk("".join(paras)) >= 160:
            break
        paras.insert(-1, pad)
    text = "\n\n".join(paras)
    if d.month <= 2:
        text = text.replace("今年以来", "入冬以来")
    return text


def adoption(date, top, form=None):
    """An `adopted` value whose highest body is at level `top`, or None if no room."""
    room = (END - date).days
    chain = [lv for lv in LEVELS[: LEVELS.index(top)] if rng.random() < 0.35] + [top]
    if top == "national":
        chain = ["county", "city", "province", "national"]
    chain = chain[-max(1, min(len(chain), room - 1)) :]
    if room < 2:
        return None
    bodies = [rng.choice(LEVEL_BODIES[lv]) for lv in chain]
    form = form or rng.choices(["name", "names", "maps"], [30, 25, 45])[0]
    if form == "name":
        return bodies[-1]
    if form == "names":
        return bodies
    offs = sorted(rng.sample(range(2, min(40, room) + 1), len(bodies)))
    return [{"by": b, "date": date + dt.timedelta(o), "form": rng.choice(FORMS)} for b, o in zip(bodies, offs)]


def top_level(adopted):
    if not adopted:
        return None
    names = [adopted] if isinstance(adopted, str) else [a if isinstance(a, str) else a["by"] for a in adopted]
    return max((lv for n in names for lv, bs in LEVEL_BODIES.items() if n in bs), key=LEVELS.index)


def new_report(sec, d, topic=None, request=None):
    name, slug, _, _, authors, aliases, _ = sec
    if topic is None:
        fits = [t for t in TOPICS[name] if not t["months"] or d.month in t["months"]]
        topic = rng.choice(fits)
    v = values(topic, d)
    shown = rng.choice(aliases) if aliases and d < dt.date(2026, 1, 1) and rng.random() < 0.25 else name
    r = dict(
        section=name,
        shown=shown,
        slug=slug,
        date=d,
        topic=topic["key"],
        request=request,
        author=None if rng.random() < 0.08 else rng.choices(authors, [3] + [2] * (len(authors) - 1))[0],
        time=f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}" if rng.random() < 0.22 else None,
        adopted=None,
        instructions=[],
        urgent=None,
        draft=False,
    )
    r["title"], v = make_title(topic, v, USED_TITLES)
    r["body"] = make_body(topic, v, d, local=r["title"].startswith(v["town"]))
    flags = rng.sample(["重点", "热点", "难点", "特点"], rng.choice([0, 1, 1, 2]))
    r["tags"] = [*flags, topic["key"]] if rng.random() < 0.7 else []
    r["public"] = rng.random() < 0.32
    return r


USED_TITLES: set[str] = set()


def build():
    by_name = {s[0]: s for s in SECTIONS}
    reports = urgent_reports(by_name)
    reports += answers(by_name)
    reports += regular_flow(reports)
    add_adoptions(reports, by_name)
    return reports


def urgent_reports(by_name):
    """The urgent events, some adopted and with instructions."""
    reports = []
    for sec_name, ev, delay, title, body in EVENTS:
        sec = by_name[sec_name]
        evt = dt.datetime.strptime(ev, "%Y-%m-%d %H:%M")
        r = new_report(sec, evt.date(), topic=TOPICS[sec_name][0])
        USED_TITLES.add(title)
        sub = (
            evt + dt.timedelta(minutes=rng.randint(150, 600))
            if rng.random() < 0.6
            else dt.datetime.combine(
                evt.date() + dt.timedelta(1), dt.time(rng.randint(8, 10), rng.choice([0, 15, 30, 45]))
            )
        )
        r.update(
            title=title,
            body=body.replace("|", "\n\n"),
            date=sub.date(),
            time=sub.strftime("%H:%M"),
            urgent=(ev, (evt + dt.timedelta(minutes=delay)).strftime("%Y-%m-%d %H:%M") if delay else None),
            tags=["重点", "紧急"],
            public=False,
        )
        reports.append(r)
    urgent = {r["title"]: r for r in reports}
    u = [urgent[e[3]] for e in EVENTS]
    u[0]["adopted"] = [{"by": "县委办", "date": u[0]["date"] + dt.timedelta(2), "form": "快报"}]
    u[0]["instructions"] = [("县长 孙建国", "county", u[0]["date"] + dt.timedelta(3), "请全力做好受灾群众救助安置工作")]
    u[1]["adopted"] = ["县委办", "市民政局"]
    u[1]["instructions"] = [
        ("县委书记 王建华", "county", u[1]["date"] + dt.timedelta(2), "举一反三，全面排查养老机构消防安全隐患")
    ]
    u[6]["adopted"] = "县政府办"
    return reports


def answers(by_name):
    """Answers to appointment notices, on time or late as each notice's status says."""
    reports = []
    for rid, _, issued, deadline, _, _, _, status, hints in REQUESTS:
        iss, dl = dt.date.fromisoformat(issued), dt.date.fromisoformat(deadline)
        for sec_name, st in status.items():
            sec = by_name[sec_name]
            if st == ON:
                d = pick_date(iss + dt.timedelta(1), min(dl, END), sec[6])
            elif st == LATE:
                d = pick_date(dl + dt.timedelta(1), min(dl + dt.timedelta(12), END), sec[6])
            else:
                continue
            hinted = [t for t in TOPICS[sec_name] if t["key"] in hints and (not t["months"] or d.month in t["months"])]
            reports.append(new_report(sec, d, rng.choice(hinted) if hinted else None, rid))
    return reports


def regular_flow(earlier):
    """The regular flow, unequal per section and month, up to each section's yearly count."""
    months = [(2025 + (9 + i) // 12, (9 + i) % 12 + 1) for i in range(14)]
    reports = list(earlier)
    for sec in SECTIONS:
        have = sum(r["section"] == sec[0] for r in reports)
        allowed = [m for m in months if m not in sec[6]]
        weights = [rng.uniform(0.5, 1.5) * (0.8 if m == (2026, 11) else 1) for m in allowed]
        for y, m in rng.choices(allowed, weights, k=sec[2] - have):
            last = END if (y, m) == (2026, 11) else dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(1)
            reports.append(new_report(sec, pick_date(dt.date(y, m, 1), last)))
    return reports[len(earlier) :]


def add_adoptions(reports, by_name):
    """Adoptions, instructions, drafts and contact numbers."""
    plain = [r for r in reports if not r["urgent"] and not r["request"]]
    eligible = [r for r in reports if not r["urgent"] and r["date"] <= END - dt.timedelta(3)]
    eligible.sort(key=lambda r: rng.random() ** (1 / by_name[r["section"]][3]), reverse=True)
    picked = eligible[: round(len(reports) * 0.35)]  # weighted by the section's propensity
    tops = ["province"] * round(len(picked) * 0.06) + ["city"] * round(len(picked) * 0.18)
    tops += ["county"] * round(len(picked) * 0.38)
    tops += ["bureau"] * (len(picked) - len(tops))  # the mix is fixed, who gets what is random
    rng.shuffle(tops)
    for r, top in zip(picked, tops):
        r["adopted"] = adoption(r["date"], top)
    for sec_name, body in (("社会救助股", "民政部"), ("养老服务股", "国务院办公厅")):
        r = next(r for r in plain if r["section"] == sec_name and r["adopted"] and r["date"] < dt.date(2026, 6, 1))
        r["adopted"] = adoption(r["date"], "national", "maps")
        r["adopted"][-1]["by"] = body
    cands = [r for r in plain if top_level(r["adopted"]) in ("county", "city", "province", "national")]
    cands.sort(key=lambda r: LEVELS.index(top_level(r["adopted"])) < 3)  # one province first
    for i, r in enumerate(cands[:1] + rng.sample(cands[1:], 14)):  # leader at or below top adopter
        top = LEVELS.index(top_level(r["adopted"]))
        lv = "province" if i == 0 else rng.choices(["county", "city"], [10, 5 * (top >= 2)])[0]
        dated = [a["date"] for a in r["adopted"] if isinstance(a, dict)] if isinstance(r["adopted"], list) else []
        base = max([*dated, r["date"]])
        if (END - base).days >= 1:
            when = base + dt.timedelta(rng.randint(1, min(20, (END - base).days)))
            r["instructions"] = [(rng.choice(LEADERS[lv]), lv, when, rng.choice(NOTES))]
    for r in rng.sample([r for r in plain if not r["adopted"] and not r["instructions"]], 3):
        r["draft"] = True
    for key, sentence in PHONES.items():
        r = next(r for r in plain if r["topic"] == key and not r["draft"])
        r["body"] += sentence


def fmt_date(d, time=None):
    return d.isoformat() + (f" {time}" if time else "")


def q(s):
    return json.dumps(s, ensure_ascii=False)


def adopted_lines(a):
    """``adopted:`` as one name, a list of names, or a list of mappings."""
    if isinstance(a, str):
        return [f"adopted: {a}"]
    if a and isinstance(a[0], str):
        return [f"adopted: [{', '.join(a)}]"]
    if a:
        return ["adopted:"] + [f"  - {{by: {x['by']}, date: {x['date']}, form: {x['form']}}}" for x in a]
    return []


def front_matter(r):
    joint = r.get("joint")
    shown = f"[{r['shown']}, {joint[0]}]" if joint else r["shown"]
    lines = ["---", f"title: {q(r['title'])}", f"section: {shown}"]
    if r["author"] and joint:
        lines.append(f"author: [{r['author']}, {joint[1]}]")
    elif r["author"]:
        lines.append(f"author: {r['author']}")
    if r.get("kind"):
        lines.append(f"kind: {r['kind']}")
    lines.append(f"date: {fmt_date(r['date'], r['time'])}")
    if r["tags"]:
        lines.append(f"tags: [{', '.join(r['tags'])}]")
    if r["public"]:
        lines.append("classification: 公开")
    if r["urgent"]:
        lines += ["urgent: true", f"event_time: {r['urgent'][0]}"]
        if r["urgent"][1]:
            lines.append(f"reported_time: {r['urgent'][1]}")
    lines += adopted_lines(r["adopted"])
    if r["instructions"]:
        lines.append("instructions:")
        lines += [f"  - {{by: {q(b)}, level: {lv}, date: {d}, note: {q(n)}}}" for b, lv, d, n in r["instructions"]]
    if r["request"]:
        lines.append(f"request: {r['request']}")
    if r["draft"]:
        lines.append("draft: true")
    return "\n".join([*lines, "---", ""])


#: 信息类型 (extra.portal.kinds) by the words of a title; the rest are 动态 or 简讯
KIND_WORDS = (("调研", "调研"), ("经验", "经验做法"), ("做法", "经验做法"), ("探索", "经验做法"))


def add_features(reports):
    """Kinds, three joint reports (合报) and two incident records, from their own random stream."""
    extra = random.Random(20261201)
    for r in reports:
        found = [kind for word, kind in KIND_WORDS if word in r["title"]]
        r["kind"] = found[0] if found else extra.choices(["动态", "简讯"], [4, 1])[0]
    by_name = {s[0]: s for s in SECTIONS}
    partners = (
        ("社会救助股", "儿童福利股"),
        ("养老服务股", "基层政权和社区建设股"),
        ("社会事务股", "慈善事业促进和社会工作股"),
    )
    for first, second in partners:
        plain = [
            r
            for r in reports
            if r["section"] == first and not r["urgent"] and not r["request"] and not r["draft"] and r["author"]
        ]
        r = extra.choice(sorted(plain, key=lambda r: (r["date"], r["title"]))[-40:])
        r["joint"] = (second, by_name[second][4][0])
    late = next(r for r in reports if r["urgent"] and not r["urgent"][1] and r["date"].year == 2026)
    wrong = next(
        r for r in reports if r["section"] == "社会救助股" and r["date"] >= dt.date(2026, 8, 1) and not r["draft"]
    )
    return [
        (late, "被通报", late["date"] + dt.timedelta(days=3), INCIDENT_TEXT["被通报"]),
        (wrong, "失实", wrong["date"] + dt.timedelta(days=10), INCIDENT_TEXT["失实"]),
    ]


INCIDENT_TEXT = {
    "被通报": "该重大紧急事件发生后，股室未在规定时限内向局办公室报告，县委办在紧急信息报送情况通报中点名。"
    "请股室负责人牵头整改，完善值班值守和信息报告流程。",
    "失实": "经核查，该信息所列部分数据与业务台账不符，属信息失实。请股室今后报送前认真核对数据来源，"
    "由股室负责人审核把关。",
}


def incident_text(report, path, type_, day):
    head = ["---", f"section: {report['section']}", f"date: {day.isoformat()}", f"type: {type_}"]
    head.append(f"report: {path}")
    return "\n".join([*head, "---", "", f"# {type_}：{report['title']}", "", INCIDENT_TEXT[type_], ""])


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def request_text(req):
    rid, title, issued, deadline, sections, subject, focus, _, _ = req
    iss, dl = dt.date.fromisoformat(issued), dt.date.fromisoformat(deadline)
    salute = "、".join(sections) if sections else "局机关各股室、各中心（所）"
    head = ["---", f"title: {q(title)}", f"issued: {issued}", f"deadline: {deadline}"]
    if sections:
        head.append(f"sections: [{', '.join(sections)}]")
    body = f"""{salute}：

为及时、准确反映我局{subject}，按照县委办、县政府办关于政务信息工作的要求，现就有关信息约稿如下。

## 报送内容

{focus}。

## 报送要求

1. **字数**：每篇{rng.choice(["600", "800", "1000"])}字以内，一事一报，标题简洁、数据准确、事例具体。
2. **重点内容**：突出工作措施和实际成效，多用数据和典型事例，避免空话套话；涉及个人信息的，一律隐去姓名、身份证号码和联系方式。
3. **报送方式**：文稿经股室负责人审核后，于{cn_date(dl)}前提交至信息报送门户，在文稿信息中注明 `request: {rid}`；逾期未报送的，将在月度通报中予以提醒。

请各有关股室高度重视，按时保质完成报送任务。

示例县民政局办公室

{cn_date(iss)}
"""
    return "\n".join([*head, "---", "", body])


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# name, slug, columns, editor, signer, issue days, number and total of the first issue
PERIODICAL_ISSUES = [
    ("民政信息", "minzheng", ["工作动态", "基层信息", "经验交流"], "周晓燕", "刘建国", 1, (11, 142)),
    ("民政要情", "yaoqing", ["要情专报", "调研参考"], "周晓燕", "孙立新", 2, (6, 30)),
]
ISSUE_NOTES = [
    "本期集中刊发各股室上月工作动态，请各股室结合实际学习借鉴。",
    "本期刊发的经验做法各具特色，请各乡镇民政所参照推进。",
    "",
    "",
]


def issue_dates(every):
    """The 6th (民政信息) or 15th (民政要情) of every ``every`` months, inside the demo year."""
    day, out = (6, []) if every == 1 else (15, [])
    year, month = 2025, 11 if every == 1 else 12
    while dt.date(year, month, day) <= END:
        out.append(dt.date(year, month, day))
        month += every
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return out


def issue_items(prng, pool, every, when, columns):
    """Reports of the months before ``when`` for one issue, with a column each."""
    start = dt.date(when.year - (when.month <= every), (when.month - every - 1) % 12 + 1, 1)
    fits = [r for r in pool if start <= r["date"] < when.replace(day=1)]
    if every == 2:  # 要情: what went up the line, or what is marked 重点
        fits = [r for r in fits if top_level(r["adopted"]) or "重点" in r["tags"]] or fits
    picked = sorted(
        prng.sample(fits, min(len(fits), prng.randint(2, 3) if every == 2 else prng.randint(3, 5))),
        key=lambda r: (r["date"], r["path"]),
    )
    out = []
    for r in picked:
        if every == 2:
            column = columns[1] if r["topic"] and prng.random() < 0.3 else columns[0]
        else:
            column = columns[1] if any(t in r["title"][:4] for t in TOWNS) else prng.choice(columns[::2])
        out.append((r, column))
        pool.remove(r)
    return out


def write_issues(reports):
    """Both periodicals' issues; an item is never a draft, a report the office adopted by hand, or in two issues."""
    prng = random.Random(14)
    for old in sorted(PERIODICALS.glob("*/*.md")):
        old.unlink()
    count = 0
    pool = [
        r
        for r in reports
        if not r["draft"] and "本局简报" not in json.dumps(r["adopted"], ensure_ascii=False, default=str)
    ]
    for name, slug, columns, editor, signer, every, (number, total) in PERIODICAL_ISSUES:
        for when in issue_dates(every):
            number = 1 if when.month <= every and count else number
            items = issue_items(prng, pool, every, when, columns)
            note = prng.choice(ISSUE_NOTES)
            lines = ["---", f"publication: {name}", f"number: {number}", f"total: {total}", f"date: {when}"]
            lines += [f"editor: {editor}", f"signer: {signer}", "items:"]
            lines += [f"  - {{report: {r['path']}, column: {c}}}" for r, c in items]
            write(PERIODICALS / slug / f"{when.year}-{number:02d}.md", "\n".join([*lines, "---", "", note, ""]))
            number, total, count = number + 1, total + 1, count + 1
        count = 0
    return sum(len(issue_dates(p[5])) for p in PERIODICAL_ISSUES)


def main():
    for old in sorted(REPORTS.glob("*/*/*.md")) + sorted(REQUESTS_DIR.glob("*.md")) + sorted(INCIDENTS.glob("*/*.md")):
        if old.name != "index.md":
            old.unlink()
    for folder in sorted(REPORTS.glob("*/*"), reverse=True) + sorted(REPORTS.glob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    reports = build()
    incidents = add_features(reports)
    order = {s[0]: i for i, s in enumerate(SECTIONS)}
    reports.sort(key=lambda r: (r["date"], r["time"] or "", order[r["section"]], r["title"]))
    counters: dict[str, int] = {}
    for r in reports:
        counters[r["slug"]] = n = counters.get(r["slug"], 0) + 1
        d = r["date"]
        r["path"] = f"reports/{d:%Y}/{d:%m}/{d.isoformat()}-{r['slug']}-{n:03d}.md"
        write(REPORTS.parent / r["path"], front_matter(r) + "\n" + r["body"] + "\n")
    for req in REQUESTS:
        write(REQUESTS_DIR / f"{req[0]}.md", request_text(req))
    for report, type_, day, _ in incidents:
        write(
            INCIDENTS / f"{day:%Y}" / f"{day.isoformat()}-{report['slug']}.md",
            incident_text(report, report["path"], type_, day),
        )
    issues = write_issues(reports)
    print(
        f"wrote {len(reports)} reports, {len(REQUESTS)} requests, {len(incidents)} incidents "
        f"and {issues} periodical issues"
    )


if __name__ == "__main__":
    main()
