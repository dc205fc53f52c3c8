// SPDX-License-Identifier: MIT
#include "catalog/synthetic_catalog.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::catalog {
namespace {

    // splitmix64: tiny, fast, and the same everywhere.
    class Random {
    public:
        explicit Random(std::uint64_t seed)
            : m_state(seed)
        {
        }
        std::uint64_t next()
        {
            m_state += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = m_state;
            z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
            return z ^ (z >> 31U);
        }
        std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }
        template <class T, std::size_t N>
        T const& pick(std::array<T, N> const& items)
        {
            return items[below(N)];
        }

    private:
        std::uint64_t m_state;
    };

    constexpr std::array<std::string_view, 24> ACTIONS { "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh",
        "Gia hạn", "Thu hồi", "Xác nhận", "Công nhận", "Thẩm định", "Phê duyệt", "Chứng thực", "Thông báo", "Hỗ trợ",
        "Giải quyết", "Xóa đăng ký", "Chấm dứt", "Tạm ngừng", "Đính chính", "Sửa đổi, bổ sung", "Trợ cấp",
        "Đăng ký lại", "Ghi vào sổ", "Tiếp nhận" };

    struct Topic {
        std::string_view object;
        std::string_view field;
        std::string_view life_event;
    };
    constexpr std::array<Topic, 40> TOPICS { {
        { "khai sinh", "ho-tich", "birth" },
        { "kết hôn", "ho-tich", "marriage" },
        { "khai tử", "ho-tich", "death" },
        { "nhận cha, mẹ, con", "ho-tich", "family" },
        { "giám hộ", "ho-tich", "family" },
        { "thông tin hộ tịch", "ho-tich", "paperwork" },
        { "trích lục hộ tịch", "ho-tich", "paperwork" },
        { "tình trạng hôn nhân", "ho-tich", "marriage" },
        { "bản sao từ bản chính", "chung-thuc", "paperwork" },
        { "chữ ký trong giấy tờ, văn bản", "chung-thuc", "paperwork" },
        { "hợp đồng, giao dịch về động sản", "chung-thuc", "paperwork" },
        { "văn bản thỏa thuận phân chia di sản", "chung-thuc", "death" },
        { "thường trú", "cu-tru", "residence" },
        { "tạm trú", "cu-tru", "residence" },
        { "tạm vắng", "cu-tru", "residence" },
        { "lưu trú", "cu-tru", "residence" },
        { "trợ cấp xã hội hàng tháng", "bao-tro-xa-hoi", "social-allowance" },
        { "chi phí mai táng", "bao-tro-xa-hoi", "death" },
        { "mức độ khuyết tật", "bao-tro-xa-hoi", "disability" },
        { "chăm sóc người cao tuổi", "bao-tro-xa-hoi", "elderly" },
        { "hộ nghèo, hộ cận nghèo", "giam-ngheo", "poverty" },
        { "chế độ ưu đãi người có công", "nguoi-co-cong", "veterans" },
        { "trợ cấp thờ cúng liệt sĩ", "nguoi-co-cong", "veterans" },
        { "hộ kinh doanh", "ho-kinh-doanh", "business" },
        { "giấy phép bán lẻ rượu", "luu-thong-hang-hoa", "business" },
        { "tổ hợp tác", "kinh-te-hop-tac", "business" },
        { "giấy chứng nhận quyền sử dụng đất", "dat-dai", "land-housing" },
        { "biến động đất đai", "dat-dai", "land-housing" },
        { "chuyển mục đích sử dụng đất", "dat-dai", "land-housing" },
        { "tranh chấp đất đai", "dat-dai", "land-housing" },
        { "giấy phép xây dựng nhà ở riêng lẻ", "xay-dung", "land-housing" },
        { "chuyển trường học sinh", "giao-duc", "schooling" },
        { "miễn, giảm học phí", "giao-duc", "schooling" },
        { "thẻ bảo hiểm y tế", "bao-hiem", "health-insurance" },
        { "bảo hiểm xã hội tự nguyện", "bao-hiem", "health-insurance" },
        { "nuôi con nuôi", "nuoi-con-nuoi", "family" },
        { "hoạt động tín ngưỡng", "tin-nguong-ton-giao", "community" },
        { "lễ hội truyền thống", "van-hoa", "community" },
        { "khôi phục sản xuất sau thiên tai", "nong-nghiep", "farming" },
        { "đăng ký xe mô tô, xe gắn máy", "dang-ky-xe", "vehicles" },
    } };

    constexpr std::array<std::string_view, 20> QUALIFIERS { "", "", "", "", "có yếu tố nước ngoài", "lưu động",
        "đối với hộ gia đình, cá nhân", "trong trường hợp bị mất, hư hỏng", "cho trẻ em dưới 6 tuổi",
        "tại Ủy ban nhân dân cấp xã", "đối với người đang cư trú ở nước ngoài", "theo hình thức trực tuyến",
        "đối với đồng bào dân tộc thiểu số", "ở xã đặc biệt khó khăn", "khi thay đổi nơi cư trú",
        "đối với người từ đủ 14 tuổi trở lên", "do thiên tai, dịch bệnh", "của tổ chức, cá nhân",
        "trong cùng tỉnh", "liên thông với cấp thẻ bảo hiểm y tế" };

    constexpr std::array<std::string_view, 12> DOCUMENTS { "Tờ khai theo mẫu", "Giấy tờ tùy thân có ảnh (xuất trình)",
        "Giấy tờ chứng minh chỗ ở hợp pháp", "Văn bản ủy quyền có chứng thực", "Giấy chứng nhận đã cấp",
        "Bản vẽ thiết kế", "Đơn đề nghị", "Giấy xác nhận của cơ quan có thẩm quyền", "Bản sao giấy khai sinh",
        "Giấy chứng tử", "Hợp đồng đã công chứng, chứng thực", "Biên bản họp thành viên hộ gia đình" };

    constexpr std::array<std::string_view, 6> AGENCIES { "Ủy ban nhân dân cấp xã", "Công an cấp xã",
        "Trung tâm Phục vụ hành chính công cấp xã", "Phòng Kinh tế thuộc Ủy ban nhân dân cấp xã",
        "Bảo hiểm xã hội cơ sở", "Sở Tư pháp" };

    struct Named {
        std::string_view id;
        std::string_view name;
        std::string_view name_en;
    };

    constexpr std::array<Named, 22> FIELDS { {
        { "ho-tich", "Hộ tịch", "Civil status" },
        { "chung-thuc", "Chứng thực", "Certification" },
        { "cu-tru", "Đăng ký, quản lý cư trú", "Residence registration" },
        { "bao-tro-xa-hoi", "Bảo trợ xã hội", "Social protection" },
        { "giam-ngheo", "Giảm nghèo", "Poverty reduction" },
        { "nguoi-co-cong", "Người có công", "Persons with meritorious services" },
        { "ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh", "Business households" },
        { "luu-thong-hang-hoa", "Lưu thông hàng hóa trong nước", "Domestic trade" },
        { "dat-dai", "Đất đai", "Land" },
        { "xay-dung", "Hoạt động xây dựng", "Construction" },
        { "giao-duc", "Giáo dục và Đào tạo", "Education" },
        { "bao-hiem", "Bảo hiểm xã hội, bảo hiểm y tế", "Social and health insurance" },
        { "tre-em", "Trẻ em", "Children" },
        { "nuoi-con-nuoi", "Nuôi con nuôi", "Adoption" },
        { "tin-nguong-ton-giao", "Tín ngưỡng, tôn giáo", "Religion and beliefs" },
        { "van-hoa", "Văn hóa", "Culture" },
        { "khieu-nai-to-cao", "Tiếp công dân, khiếu nại, tố cáo", "Complaints and denunciations" },
        { "moi-truong", "Môi trường", "Environment" },
        { "nong-nghiep", "Nông nghiệp", "Agriculture" },
        { "ly-lich-tu-phap", "Lý lịch tư pháp", "Criminal records" },
        { "dang-ky-xe", "Đăng ký, quản lý phương tiện giao thông", "Vehicle registration" },
        { "kinh-te-hop-tac", "Kinh tế hợp tác", "Cooperative economy" },
    } };

    constexpr std::array<Named, 18> LIFE_EVENTS { {
        { "birth", "Sinh con", "Having a baby" },
        { "marriage", "Kết hôn", "Getting married" },
        { "death", "Khi có người mất", "When someone dies" },
        { "family", "Quan hệ gia đình, giám hộ", "Family relations and guardianship" },
        { "residence", "Nơi ở, chuyển chỗ ở", "Where you live, moving house" },
        { "paperwork", "Giấy tờ, chứng thực", "Copies, signatures and records" },
        { "business", "Kinh doanh", "Running a business" },
        { "land-housing", "Đất đai, nhà ở", "Land and housing" },
        { "social-allowance", "Trợ cấp xã hội", "Social allowances" },
        { "elderly", "Người cao tuổi", "Older people" },
        { "disability", "Người khuyết tật", "People with disabilities" },
        { "veterans", "Người có công", "Veterans and martyrs' families" },
        { "schooling", "Đi học", "Going to school" },
        { "health-insurance", "Bảo hiểm y tế, bảo hiểm xã hội", "Health and social insurance" },
        { "poverty", "Hộ nghèo, cận nghèo", "Poor and near-poor households" },
        { "farming", "Nông nghiệp, thiên tai", "Farming and natural disasters" },
        { "vehicles", "Xe cộ", "Vehicles" },
        { "community", "Cộng đồng, tôn giáo, lễ hội", "Community, religion and festivals" },
    } };

} // namespace

Catalog synthetic_catalog(std::size_t procedures, std::uint64_t seed)
{
    Random random(seed);
    Catalog catalog;
    catalog.version = "synthetic-" + std::to_string(procedures) + "-" + std::to_string(seed);
    catalog.published = "2025-07-01";
    catalog.sample = true;
    for (auto const& field : FIELDS)
        catalog.fields.push_back({ std::string(field.id), std::string(field.name), std::string(field.name_en) });
    for (auto const& event : LIFE_EVENTS)
        catalog.life_events.push_back({ std::string(event.id), std::string(event.name), std::string(event.name_en) });
    catalog.procedures.reserve(procedures);
    for (std::size_t i = 0; i < procedures; ++i) {
        auto const& topic = random.pick(TOPICS);
        Procedure p;
        std::array<char, 16> code {};
        std::snprintf(code.data(), code.size(), "8.%06zu", i % 1'000'000);
        p.code = code.data();
        if (i >= 1'000'000)
            p.code += ".000.00.00.H" + std::to_string(10 + (i / 1'000'000) % 90);
        p.name = std::string(random.pick(ACTIONS)) + " " + std::string(topic.object);
        auto const qualifier = random.pick(QUALIFIERS);
        if (!qualifier.empty())
            p.name += " " + std::string(qualifier);
        // A second qualifier now and then, as real names have ("... lưu động có yếu tố nước ngoài").
        if (random.below(4) == 0) {
            auto const second = random.pick(QUALIFIERS);
            if (!second.empty() && second != qualifier)
                p.name += " " + std::string(second);
        }
        p.field = std::string(topic.field);
        // No per-procedure numbers in the text: they would make a vocabulary no real catalog has.
        for (auto const& field : FIELDS) {
            if (field.id == topic.field)
                p.name_en = "Synthetic procedure: " + std::string(field.name_en);
        }
        p.level = random.below(5) == 0 ? Level::province : Level::commune;
        p.implementing_agency = std::string(random.pick(AGENCIES));
        p.applicants = { "Công dân Việt Nam" };
        p.steps = { "Nộp hồ sơ", "Thẩm định", "Trả kết quả" };
        p.channels.push_back({ ChannelKind::in_person, static_cast<double>(1 + random.below(20)), "",
            static_cast<std::int64_t>(random.below(4) * 25'000), "" });
        if (random.below(2) == 0) {
            p.channels.push_back({ ChannelKind::online, p.channels[0].processing_days, "", 0, "" });
            p.online_level = random.below(2) == 0 ? OnlineLevel::full : OnlineLevel::partial;
        }
        auto const documents = 1 + random.below(4);
        for (std::size_t d = 0; d < documents; ++d)
            p.documents.push_back({ std::string(random.pick(DOCUMENTS)), 1, static_cast<int>(random.below(2)), "", "" });
        p.result = "Kết quả giải quyết " + std::string(topic.object);
        p.legal_basis = { "Luật Tổ chức chính quyền địa phương năm 2025" };
        p.life_events = { std::string(topic.life_event) };
        // Zipf-like: a few procedures are asked for all the time, most rarely.
        double const rank = 1.0 + static_cast<double>(random.below(procedures + 1));
        p.popularity = static_cast<std::int64_t>(1'000'000.0 / std::pow(rank, 0.9));
        catalog.procedures.push_back(std::move(p));
    }
    return catalog;
}

} // namespace kiosk::catalog
