// The land-use code table (地类编码表) of `land_use` layers, as data.
//
// Sources (checked 2026-12-01 against published copies of the tables):
// - GB/T 21010-2017 《土地利用现状分类》, 表1: 12 first-level and 73 second-level classes
//   (01 耕地 0101 水田 0102 水浇地 0103 旱地 ... 12 其他土地 1207 裸岩石砾地). Reproduced as 表 A.1
//   of the 第三次全国国土调查技术规程 (TD/T 1055-2019), 附录A "第三次全国国土调查土地分类".
// - TD/T 1055-2019 表 A.2, the 三调 工作分类: the same codes grouped differently — 00 湿地 (0303,
//   0304, 0306, 0402, 0603, 1105, 1106, 1108), 02 种植园用地, 05 商业服务业用地 (05H1 商业服务业
//   设施用地 = 0501–0507, 0508 物流仓储用地), 06 工矿用地, 08H1 机关团体新闻出版用地 (0801–0802),
//   08H2 科教文卫用地 (0803–0808).
// - TD/T 1055-2019 表 A.3, 城市、建制镇、村庄等用地 (201 城市, 202 建制镇, 203 村庄, 204 盐田及采矿
//   用地, 205 特殊用地), the 城镇村属性码; 第二次全国土地调查 used 201–205 as DLBM values of the
//   first-level class 20 城镇村及工矿用地, which the 三调 主要数据公报 (2021-08-26) keeps as a
//   summary class (城市, 建制镇, 村庄, 采矿用地, 风景名胜及特殊用地).
// The names are the standard's; "1110 冰川及永久积雪" is GB/T 21010-2017's name (三调: 冰川及常年积雪).
#include "catalog/land_use_codes.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace zoning::catalog {

namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr std::array kCodes = std::to_array<Entry>({
    // GB/T 21010-2017 表1
    {"01", "耕地"}, {"0101", "水田"}, {"0102", "水浇地"}, {"0103", "旱地"},
    {"02", "园地"}, {"0201", "果园"}, {"0202", "茶园"}, {"0203", "橡胶园"}, {"0204", "其他园地"},
    {"03", "林地"}, {"0301", "乔木林地"}, {"0302", "竹林地"}, {"0303", "红树林地"}, {"0304", "森林沼泽"},
    {"0305", "灌木林地"}, {"0306", "灌丛沼泽"}, {"0307", "其他林地"},
    {"04", "草地"}, {"0401", "天然牧草地"}, {"0402", "沼泽草地"}, {"0403", "人工牧草地"}, {"0404", "其他草地"},
    {"05", "商服用地"}, {"0501", "零售商业用地"}, {"0502", "批发市场用地"}, {"0503", "餐饮用地"},
    {"0504", "旅馆用地"}, {"0505", "商务金融用地"}, {"0506", "娱乐用地"}, {"0507", "其他商服用地"},
    {"06", "工矿仓储用地"}, {"0601", "工业用地"}, {"0602", "采矿用地"}, {"0603", "盐田"}, {"0604", "仓储用地"},
    {"07", "住宅用地"}, {"0701", "城镇住宅用地"}, {"0702", "农村宅基地"},
    {"08", "公共管理与公共服务用地"}, {"0801", "机关团体用地"}, {"0802", "新闻出版用地"}, {"0803", "教育用地"},
    {"0804", "科研用地"}, {"0805", "医疗卫生用地"}, {"0806", "社会福利用地"}, {"0807", "文化设施用地"},
    {"0808", "体育用地"}, {"0809", "公用设施用地"}, {"0810", "公园与绿地"},
    {"09", "特殊用地"}, {"0901", "军事设施用地"}, {"0902", "使领馆用地"}, {"0903", "监教场所用地"},
    {"0904", "宗教用地"}, {"0905", "殡葬用地"}, {"0906", "风景名胜设施用地"},
    {"10", "交通运输用地"}, {"1001", "铁路用地"}, {"1002", "轨道交通用地"}, {"1003", "公路用地"},
    {"1004", "城镇村道路用地"}, {"1005", "交通服务场站用地"}, {"1006", "农村道路"}, {"1007", "机场用地"},
    {"1008", "港口码头用地"}, {"1009", "管道运输用地"},
    {"11", "水域及水利设施用地"}, {"1101", "河流水面"}, {"1102", "湖泊水面"}, {"1103", "水库水面"},
    {"1104", "坑塘水面"}, {"1105", "沿海滩涂"}, {"1106", "内陆滩涂"}, {"1107", "沟渠"}, {"1108", "沼泽地"},
    {"1109", "水工建筑用地"}, {"1110", "冰川及永久积雪"},
    {"12", "其他土地"}, {"1201", "空闲地"}, {"1202", "设施农用地"}, {"1203", "田坎"}, {"1204", "盐碱地"},
    {"1205", "沙地"}, {"1206", "裸土地"}, {"1207", "裸岩石砾地"},
    // 三调 工作分类 (TD/T 1055-2019 表 A.2): merged codes
    {"05H1", "商业服务业设施用地"}, {"0508", "物流仓储用地"}, {"08H1", "机关团体新闻出版用地"},
    {"08H2", "科教文卫用地"},
    // 城镇村及工矿用地 (二调 first-level class 20; 三调 表 A.3 and its 主要数据公报)
    {"20", "城镇村及工矿用地"}, {"201", "城市"}, {"202", "建制镇"}, {"203", "村庄"}, {"204", "盐田及采矿用地"},
    {"205", "特殊用地"},
});

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string_view land_use_name(std::string_view code) {
    code = trim(code);
    for (const auto& [c, name] : kCodes) {
        if (c == code) return name;
    }
    return {};
}

std::string land_use_first_level(std::string_view dlbm) {
    dlbm = trim(dlbm);
    if (dlbm.size() < 2) return {};
    return std::string(dlbm.substr(0, 2));
}

std::string land_use_second_level(std::string_view dlbm) {
    dlbm = trim(dlbm);
    if (dlbm.size() > 2 && (dlbm.back() == 'K' || dlbm.back() == 'A')) dlbm.remove_suffix(1);
    return std::string(dlbm);
}

bool is_cultivated(std::string_view dlbm) { return land_use_first_level(dlbm) == "01"; }

bool is_wetland_sandiao(std::string_view dlbm) {
    const std::string c = land_use_second_level(dlbm);
    constexpr std::array<std::string_view, 8> kWet{"0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"};
    return std::find(kWet.begin(), kWet.end(), c) != kWet.end();
}

bool is_urban_rural_industrial(std::string_view dlbm) {
    const std::string first = land_use_first_level(dlbm);
    if (first == "06") return land_use_second_level(dlbm) != "0603";
    return first == "05" || first == "07" || first == "08" || first == "09" || first == "20";
}

}  // namespace zoning::catalog
