# ruff: noqa: E501  (prose: one sentence per line reads better than wrapped strings)
"""Demo news, drawn from the facts in the centre's published articles (../shared/seeds).

Pupils quoted in those articles are not named here: the public site never shows a
child's name (SECURITY_PRIVACY.md, rule 9)."""

from datetime import date

NEWS = [
    {
        "slug": "23-cau-lac-bo-thanh-thieu-nien-hong",
        "date": date(2024, 8, 20),
        "vi": {
            "title": "23 Câu lạc bộ Thanh thiếu niên Hồng với hơn 1.000 thành viên",
            "intro": "Mô hình công tác xã hội trường học của trung tâm duy trì 23 câu lạc bộ hoạt động ổn định ở các trường trung học cơ sở và trung học phổ thông.",
            "body": [
                (
                    "p",
                    "<p>Năm 2024, Trung tâm Công tác xã hội thành phố phối hợp tổ chức <b>hơn 20 buổi truyền thông chuyên đề</b> về kiến thức, kỹ năng sống và <b>3 phiên toà giả định</b>, thu hút <b>hơn 1.500 học sinh</b> tham gia.</p>",
                ),
                (
                    "p",
                    "<p>Điểm nhấn của mô hình là <b>23 Câu lạc bộ Thanh thiếu niên Hồng</b> hoạt động ổn định tại các trường trung học trên địa bàn với <b>hơn 1.000 thành viên</b>. Ban chủ nhiệm các câu lạc bộ thường xuyên tổ chức sinh hoạt, giúp thành viên cập nhật kiến thức, kỹ năng để thích ứng và tự bảo vệ trước những tình huống nguy hiểm, rủi ro.</p>",
                ),
                (
                    "p",
                    "<p>Trung tâm cung cấp tài liệu sinh hoạt, vận động hỗ trợ dụng cụ học tập, học bổng, nhu yếu phẩm… để các thành viên có điều kiện tiếp tục đến trường.</p>",
                ),
            ],
        },
        "en": {
            "title": "23 Pink Youth Clubs with more than 1,000 members",
            "intro": "The centre's school social-work model keeps 23 clubs running steadily in the city's lower and upper secondary schools.",
            "body": [
                (
                    "p",
                    "<p>In 2024 the city social-work centre co-organised <b>more than 20 thematic sessions</b> on life knowledge and skills and <b>3 mock trials</b>, reaching <b>more than 1,500 pupils</b>.</p>",
                ),
                (
                    "p",
                    "<p>The heart of the model is the <b>23 Pink Youth Clubs</b> running steadily in secondary schools across the city, with <b>more than 1,000 members</b>. Club boards hold regular activities that help members update their knowledge and skills to adapt and protect themselves from danger and risk.</p>",
                ),
                (
                    "p",
                    "<p>The centre provides session materials and mobilises support for school supplies, scholarships and food so that members can stay in school.</p>",
                ),
            ],
        },
    },
    {
        "slug": "ky-niem-ngay-cong-tac-xa-hoi",
        "date": date(2024, 3, 25),
        "vi": {
            "title": "Gặp mặt kỷ niệm Ngày Công tác xã hội Việt Nam 25/3",
            "intro": "Buổi gặp mặt diễn ra trong không khí ấm áp, ôn lại truyền thống và ý nghĩa của Ngày Công tác xã hội, tôn vinh những người làm nghề.",
            "body": [
                (
                    "p",
                    "<p>Tại buổi gặp mặt, các đại biểu ôn lại truyền thống, ý nghĩa của Ngày Công tác xã hội Việt Nam 25/3 – dịp phát huy truyền thống “Lá lành đùm lá rách”, thương yêu, tương trợ lẫn nhau.</p>",
                ),
                (
                    "p",
                    "<p>Ông Hồ Thanh Hải, Giám đốc Trung tâm Công tác xã hội thành phố, chia sẻ: “Công tác xã hội không chỉ là một nghề mà còn là một sứ mệnh cao quý. Trung tâm luôn tận tâm với sứ mệnh và không ngừng đổi mới phương pháp, mô hình để nâng cao chất lượng, hiệu quả dịch vụ xã hội một cách chuyên nghiệp.”</p>",
                ),
            ],
        },
        "en": {
            "title": "Meeting to mark Viet Nam's Social Work Day, 25 March",
            "intro": "A warm gathering looked back on the tradition and meaning of Social Work Day and honoured the people who do this work.",
            "body": [
                (
                    "p",
                    "<p>Delegates looked back on the tradition and meaning of Viet Nam's Social Work Day on 25 March – a time to carry on the spirit of “the whole leaf wraps the torn one”: caring for and helping one another.</p>",
                ),
                (
                    "p",
                    "<p>Mr Hồ Thanh Hải, director of the city social-work centre, said: “Social work is not only a profession but a noble mission. The centre is devoted to that mission and keeps renewing its methods and models to raise the quality and effectiveness of social services, delivered professionally.”</p>",
                ),
            ],
        },
        "fr": {
            "title": "Réunion pour la Journée du travail social, le 25 mars",
            "intro": "La réunion s'est déroulée dans une ambiance chaleureuse : les délégués ont rappelé la tradition et la signification de la Journée du travail social.",
            "body": [
                (
                    "p",
                    "<p>M. Hồ Thanh Hải, directeur du Centre municipal de travail social, a confié : « Le travail social est non seulement une profession, mais aussi une noble mission. »</p>",
                ),
            ],
        },
    },
    {
        "slug": "thanh-vien-clb-thanh-an",
        "date": date(2024, 5, 15),
        "vi": {
            "title": "Thành viên CLB Thạnh An: “Em có thêm bạn và kỹ năng để tự bảo vệ”",
            "intro": "Một thành viên Câu lạc bộ Thanh thiếu niên Hồng Thạnh An, huyện Vĩnh Thạnh chia sẻ những gì em nhận được khi tham gia câu lạc bộ.",
            "body": [
                (
                    "p",
                    "<p>“Tham gia sinh hoạt câu lạc bộ, em được gặp gỡ bạn bè và có thêm nhiều kiến thức, kỹ năng bổ ích, giúp ích cho việc học tập, cuộc sống hằng ngày và bảo vệ bản thân”, một thành viên câu lạc bộ Thạnh An chia sẻ.</p>",
                ),
                (
                    "p",
                    "<p>Theo quy định bảo vệ trẻ em, trang tin của trung tâm không đăng tên hay ảnh của các thành viên chưa thành niên.</p>",
                ),
            ],
        },
        "en": {
            "title": "Thạnh An club member: “I made friends and learnt to protect myself”",
            "intro": "A member of the Thạnh An Pink Youth Club in Vĩnh Thạnh district talks about what the club has given her.",
            "body": [
                (
                    "p",
                    "<p>“Through the club's activities I meet friends and gain a lot of useful knowledge and skills that help with my studies, my daily life and protecting myself,” said a member of the Thạnh An club.</p>",
                ),
                (
                    "p",
                    "<p>To protect children, the centre's news pages never publish the names or photos of members under 18.</p>",
                ),
            ],
        },
    },
    {
        "slug": "lop-tap-huan-ban-chu-nhiem",
        "date": date(2024, 8, 28),
        "vi": {
            "title": "Tập huấn kỹ năng cho ban chủ nhiệm các câu lạc bộ",
            "intro": "Trước năm học mới, trung tâm mở lớp tập huấn cho giáo viên phụ trách và ban chủ nhiệm 23 câu lạc bộ về cách tổ chức buổi sinh hoạt kỹ năng sống.",
            "body": [
                (
                    "p",
                    "<p>Lớp tập huấn giới thiệu bộ tài liệu sinh hoạt mới trên thư viện Lá Lành, thực hành dẫn trò chơi, điều phối thảo luận nhóm và cách phản hồi an toàn khi một thành viên chia sẻ chuyện bị xâm hại.</p>",
                ),
                (
                    "p",
                    "<p>Hằng năm, trung tâm tạo điều kiện cho cán bộ, nhân viên tham gia các lớp bồi dưỡng, tập huấn nghiệp vụ công tác xã hội để nâng cao kiến thức, kỹ năng phục vụ đối tượng.</p>",
                ),
            ],
        },
        "en": {
            "title": "Skills training for club boards",
            "intro": "Before the new school year the centre trained the teachers in charge and the boards of the 23 clubs in running life-skills sessions.",
            "body": [
                (
                    "p",
                    "<p>The training introduced the new session materials in the Lá Lành library and practised leading games, facilitating group discussion and responding safely when a member discloses abuse.</p>",
                ),
                (
                    "p",
                    "<p>Every year the centre supports its staff to attend social-work training and refresher courses to improve their knowledge and skills in serving people.</p>",
                ),
            ],
        },
    },
    {
        "slug": "ba-phien-toa-gia-dinh",
        "date": date(2024, 6, 10),
        "vi": {
            "title": "Ba phiên toà giả định giúp hơn 1.500 học sinh hiểu pháp luật",
            "intro": "Các phiên toà giả định do câu lạc bộ dựng lại từ tình huống gần gũi giúp học sinh hiểu trách nhiệm pháp lý của người dưới 18 tuổi.",
            "body": [
                (
                    "p",
                    "<p>Cùng hơn 20 buổi truyền thông chuyên đề, 3 phiên toà giả định trong năm 2024 đã thu hút hơn 1.500 học sinh. Học sinh trực tiếp đóng vai thẩm phán, kiểm sát viên, luật sư và bị cáo, sau đó cùng cán bộ pháp lý thảo luận.</p>",
                ),
            ],
        },
        "en": {
            "title": "Three mock trials help more than 1,500 pupils understand the law",
            "intro": "Mock trials staged by the clubs from familiar situations help pupils understand the legal responsibility of under-18s.",
            "body": [
                (
                    "p",
                    "<p>Together with more than 20 thematic sessions, 3 mock trials in 2024 reached more than 1,500 pupils. Pupils played the judge, prosecutor, lawyer and defendant, then discussed the case with a legal officer.</p>",
                ),
            ],
        },
    },
]
