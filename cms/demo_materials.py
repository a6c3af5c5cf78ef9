# ruff: noqa: E501  (prose: one sentence per line reads better than wrapped strings)
"""Demo life-skills materials, written for this project in Vietnamese and English.

Each body is a list of compact blocks that cms.demo turns into StreamField data:
("h", heading) ("p", html) ("steps", title, [(step, minutes, instructions)])
("q", title, [questions]) ("tip", text) ("doc",) = the worksheet download.
"""

MATERIALS = [
    {
        "slug": "vong-tron-an-toan",
        "topic": "self_protection",
        "format": "session_plan",
        "grades": (6, 9),
        "minutes": 45,
        "featured": True,
        "worksheet": True,
        "vi": {
            "title": "Vòng tròn an toàn: ai là người em tin cậy?",
            "intro": "Giúp các em vẽ vòng tròn những người đáng tin cậy và biết tìm ai khi gặp chuyện không an toàn.",
            "body": [
                ("h", "Mục tiêu"),
                (
                    "p",
                    "<p>Sau buổi sinh hoạt, mỗi em kể được <b>ít nhất ba người lớn</b> có thể giúp mình, phân biệt được người quen, người lạ và người thân, và biết số <b>111</b> – Tổng đài quốc gia bảo vệ trẻ em, gọi miễn phí.</p>",
                ),
                (
                    "steps",
                    "Tiến trình buổi sinh hoạt",
                    [
                        (
                            "Khởi động: Ai ở gần em?",
                            5,
                            "Cả nhóm đứng thành vòng tròn. Người điều phối gọi tên một nhóm người (bạn cùng lớp, hàng xóm, thầy cô); ai thấy người đó thân với mình thì bước vào giữa.",
                        ),
                        (
                            "Vẽ vòng tròn an toàn",
                            15,
                            "Mỗi em dùng phiếu bài tập, vẽ bốn vòng tròn đồng tâm: em ở giữa, rồi người thân, người quen, người lạ. Ghi tên hoặc vẽ hình những người tương ứng.",
                        ),
                        (
                            "Tình huống",
                            15,
                            "Chia nhóm 4–5 em, mỗi nhóm đọc một tình huống (người lạ cho quà, bạn trên mạng rủ gặp, người quen chạm vào người khiến em khó chịu) và quyết định sẽ kể với ai.",
                        ),
                        (
                            "Tổng kết",
                            10,
                            "Các nhóm chia sẻ. Người điều phối nhấn mạnh: em có quyền nói không, và kể lại không bao giờ là mách lẻo.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao một người quen vẫn có thể làm em thấy không an toàn?",
                        "Nếu người đầu tiên em kể không tin em, em sẽ làm gì tiếp theo?",
                        "Em có thể giúp một người bạn đang gặp chuyện như thế nào?",
                    ],
                ),
                ("doc",),
                (
                    "tip",
                    "Nếu một em kể về việc bị xâm hại trong buổi sinh hoạt, hãy lắng nghe, không hỏi dồn, cảm ơn em đã tin tưởng và báo ngay cho cán bộ công tác xã hội của trung tâm.",
                ),
            ],
        },
        "en": {
            "title": "My safety circle: who can I trust?",
            "intro": "Pupils draw a circle of trusted people and learn whom to turn to when something feels unsafe.",
            "body": [
                ("h", "Goals"),
                (
                    "p",
                    "<p>By the end of the session each pupil can name <b>at least three adults</b> who can help, tell family, acquaintances and strangers apart, and knows <b>111</b>, Viet Nam's free national child-protection hotline.</p>",
                ),
                (
                    "steps",
                    "Session plan",
                    [
                        (
                            "Warm-up: who is close to me?",
                            5,
                            "The group stands in a circle. The facilitator names a group of people (classmates, neighbours, teachers); whoever feels close to them steps into the middle.",
                        ),
                        (
                            "Draw the safety circle",
                            15,
                            "On the worksheet each pupil draws four circles: themselves in the middle, then family, acquaintances and strangers, and writes or draws the people in each.",
                        ),
                        (
                            "Scenarios",
                            15,
                            "In groups of 4–5, each group reads a scenario (a stranger offers a gift, an online friend asks to meet, an acquaintance touches them in a way they dislike) and decides whom to tell.",
                        ),
                        (
                            "Wrap-up",
                            10,
                            "Groups share back. The facilitator stresses: you may always say no, and telling is never tattling.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why can someone you know still make you feel unsafe?",
                        "If the first person you tell does not believe you, what do you do next?",
                        "How can you help a friend who is going through something like this?",
                    ],
                ),
                ("doc",),
                (
                    "tip",
                    "If a pupil discloses abuse during the session, listen, do not press with questions, thank them for trusting you and tell the centre's social worker straight away.",
                ),
            ],
        },
    },
    {
        "slug": "noi-khong-roi-di-ke-lai",
        "topic": "self_protection",
        "format": "game",
        "grades": (6, 9),
        "minutes": 40,
        "vi": {
            "title": "Nói không – Rời đi – Kể lại",
            "intro": "Trò chơi đóng vai để luyện ba bước tự bảo vệ khi gặp tình huống nguy hiểm.",
            "body": [
                (
                    "p",
                    "<p>Ba bước đơn giản giúp các em phản ứng nhanh: <b>nói “không”</b> thật to và rõ, <b>rời đi</b> đến nơi đông người, và <b>kể lại</b> với người lớn tin cậy.</p>",
                ),
                (
                    "steps",
                    "Trò chơi đóng vai",
                    [
                        (
                            "Giới thiệu ba bước",
                            5,
                            "Người điều phối viết ba bước lên bảng và cả lớp đọc to cùng động tác tay: bàn tay chặn, bước chân, tay đặt lên tai.",
                        ),
                        (
                            "Luyện nói không",
                            10,
                            "Từng cặp luyện nói “Không, tôi không đi!” với giọng chắc chắn, nhìn thẳng, đứng vững.",
                        ),
                        (
                            "Đóng vai",
                            20,
                            "Mỗi nhóm diễn một tình huống: người lạ rủ lên xe, người đưa nước uống lạ ở quán, người hỏi địa chỉ nhà. Nhóm khác góp ý.",
                        ),
                        ("Chốt lại", 5, "Cả lớp nhắc lại ba bước và số 111."),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Nói “không” với người lớn có phải là vô lễ không?",
                        "Ở gần trường em, nơi nào đông người và an toàn để chạy đến?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Say no, get away, tell someone",
            "intro": "A role-play game to practise three self-protection steps for dangerous situations.",
            "body": [
                (
                    "p",
                    "<p>Three simple steps help pupils react quickly: <b>say “no”</b> loudly and clearly, <b>get away</b> to a busy place, and <b>tell</b> a trusted adult.</p>",
                ),
                (
                    "steps",
                    "Role-play game",
                    [
                        (
                            "Introduce the three steps",
                            5,
                            "The facilitator writes the three steps on the board and the class says them aloud with gestures: a stop hand, a step, a hand to the ear.",
                        ),
                        (
                            "Practise saying no",
                            10,
                            "In pairs, pupils practise “No, I'm not going!” in a firm voice, looking straight ahead, standing steady.",
                        ),
                        (
                            "Role play",
                            20,
                            "Each group acts out a situation: a stranger offers a ride, someone hands over an unknown drink at a café, someone asks for their home address. Other groups give feedback.",
                        ),
                        ("Close", 5, "The class repeats the three steps and the number 111."),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Is saying “no” to an adult impolite?",
                        "Near our school, which busy and safe places could you run to?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "ma-tuy-nup-bong",
        "topic": "drug_prevention",
        "format": "session_plan",
        "grades": (8, 12),
        "minutes": 45,
        "featured": True,
        "vi": {
            "title": "Nhận diện ma tuý “núp bóng” bánh kẹo và thuốc lá điện tử",
            "intro": "Ma tuý ngày nay có thể trông như kẹo, trà sữa hay tinh dầu thuốc lá điện tử. Bài này giúp học sinh nhận ra và tránh xa.",
            "body": [
                ("h", "Vì sao cần bài học này"),
                (
                    "p",
                    "<p>Nhiều loại ma tuý tổng hợp được trộn vào kẹo, bánh, gói trà, nước uống hoặc tinh dầu cho thuốc lá điện tử, với bao bì bắt mắt. Học sinh thường được mời dùng thử tại tiệc sinh nhật hoặc qua bạn bè trên mạng.</p><ul><li>Không nhận đồ ăn, uống, thuốc lá điện tử từ người không rõ nguồn gốc.</li><li>Không để đồ uống của mình không có người trông.</li><li>Thấy người có biểu hiện lạ sau khi dùng: gọi người lớn và 115.</li></ul>",
                ),
                (
                    "steps",
                    "Tiến trình",
                    [
                        (
                            "Đoán xem",
                            10,
                            "Cho xem ảnh các sản phẩm (kẹo, gói trà, ống tinh dầu). Học sinh đoán sản phẩm nào có thể chứa ma tuý và giải thích.",
                        ),
                        (
                            "Tác hại",
                            15,
                            "Người điều phối trình bày ngắn tác hại của ma tuý tổng hợp với não bộ tuổi dậy thì: ảo giác, loạn thần, lệ thuộc, và hậu quả pháp lý.",
                        ),
                        (
                            "Lập kế hoạch an toàn",
                            15,
                            "Theo nhóm, học sinh viết kế hoạch cho một buổi tiệc sinh nhật: đi cùng ai, về lúc mấy giờ, nói gì khi được mời thử.",
                        ),
                        (
                            "Cam kết",
                            5,
                            "Mỗi em viết một câu từ chối của riêng mình lên giấy nhớ và dán lên bảng.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao kẻ bán ma tuý lại chọn bao bì giống bánh kẹo?",
                        "Nếu bạn thân em đã dùng thử, em sẽ nói gì với bạn?",
                        "Em có thể tìm sự giúp đỡ ở đâu trong trường?",
                    ],
                ),
                (
                    "tip",
                    "Không cho học sinh xem hay cầm mẫu vật thật. Chỉ dùng hình ảnh từ nguồn chính thức của cơ quan công an hoặc y tế.",
                ),
            ],
        },
        "en": {
            "title": "Spotting drugs disguised as sweets and e-cigarettes",
            "intro": "Drugs today can look like sweets, milk tea or e-cigarette liquid. This lesson helps pupils recognise them and stay away.",
            "body": [
                ("h", "Why this lesson"),
                (
                    "p",
                    "<p>Many synthetic drugs are mixed into sweets, cakes, tea sachets, drinks or e-cigarette liquids, in eye-catching packaging. Pupils are often invited to try them at birthday parties or by friends online.</p><ul><li>Do not accept food, drinks or e-cigarettes of unknown origin.</li><li>Never leave your drink unattended.</li><li>If someone behaves strangely after taking something: call an adult and 115.</li></ul>",
                ),
                (
                    "steps",
                    "Session plan",
                    [
                        (
                            "Guess which",
                            10,
                            "Show pictures of products (sweets, tea sachets, vape pods). Pupils guess which might contain drugs and explain why.",
                        ),
                        (
                            "Harms",
                            15,
                            "The facilitator briefly explains how synthetic drugs harm the teenage brain: hallucinations, psychosis, dependence, and the legal consequences.",
                        ),
                        (
                            "Plan a safe party",
                            15,
                            "In groups, pupils write a plan for a birthday party: who they go with, when they come home, what they say when offered something.",
                        ),
                        (
                            "Commitment",
                            5,
                            "Each pupil writes their own refusal line on a sticky note and puts it on the board.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why do drug sellers choose packaging that looks like sweets?",
                        "If your close friend has already tried it, what would you say to them?",
                        "Where in school can you find help?",
                    ],
                ),
                (
                    "tip",
                    "Never show or hand round real samples. Use only pictures from official police or health sources.",
                ),
            ],
        },
    },
    {
        "slug": "ky-nang-tu-choi",
        "topic": "drug_prevention",
        "format": "game",
        "grades": (6, 12),
        "minutes": 45,
        "vi": {
            "title": "Kỹ năng từ chối khi bạn bè rủ rê",
            "intro": "Luyện các cách từ chối lịch sự mà kiên quyết trước lời rủ hút thuốc, uống rượu bia hay thử chất kích thích.",
            "body": [
                (
                    "p",
                    "<p>Áp lực từ bạn bè là lý do phổ biến nhất khiến học sinh thử thuốc lá, rượu bia và ma tuý. Từ chối không có nghĩa là mất bạn.</p>",
                ),
                (
                    "steps",
                    "Hoạt động",
                    [
                        (
                            "Năm cách từ chối",
                            10,
                            "Giới thiệu: nói thẳng “Không, cảm ơn”; đưa lý do; đổi chủ đề; rủ làm việc khác; rời đi.",
                        ),
                        (
                            "Vòng xoay luyện tập",
                            20,
                            "Hai vòng tròn đối diện nhau. Vòng ngoài rủ rê, vòng trong từ chối bằng một cách; sau mỗi lượt vòng ngoài dịch sang phải.",
                        ),
                        ("Chia sẻ", 15, "Cách nào dễ nhất, cách nào khó nhất với em? Vì sao?"),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Một người bạn thật sự có ép em làm điều em không muốn không?",
                        "Em sẽ nói gì nếu bị chê là “nhát”?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Refusing when friends pressure you",
            "intro": "Practise polite but firm ways to refuse invitations to smoke, drink or try drugs.",
            "body": [
                (
                    "p",
                    "<p>Peer pressure is the most common reason pupils try cigarettes, alcohol and drugs. Saying no does not mean losing your friends.</p>",
                ),
                (
                    "steps",
                    "Activity",
                    [
                        (
                            "Five ways to refuse",
                            10,
                            "Introduce: say “No, thanks”; give a reason; change the subject; suggest something else; walk away.",
                        ),
                        (
                            "Rotating circles",
                            20,
                            "Two circles face each other. The outer circle pressures, the inner circle refuses using one of the ways; after each round the outer circle moves one place right.",
                        ),
                        ("Share", 15, "Which way was easiest, which hardest for you? Why?"),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Would a real friend push you into something you do not want?",
                        "What would you say if someone calls you a coward?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "cham-an-toan",
        "topic": "abuse_prevention",
        "format": "session_plan",
        "grades": (6, 8),
        "minutes": 45,
        "featured": True,
        "vi": {
            "title": "Chạm an toàn và chạm không an toàn",
            "intro": "Giúp học sinh nhỏ tuổi hiểu quyền với cơ thể mình, phân biệt cái chạm an toàn và không an toàn, và biết kể lại.",
            "body": [
                ("h", "Quy tắc đồ lót"),
                (
                    "p",
                    "<p>Những vùng cơ thể được đồ lót che là vùng riêng tư. Không ai được nhìn, chạm vào hoặc chụp ảnh những vùng đó, trừ khi bác sĩ khám có bố mẹ đi cùng. Không có <i>bí mật</i> nào về cái chạm mà em phải giữ.</p>",
                ),
                (
                    "steps",
                    "Tiến trình",
                    [
                        (
                            "Cơ thể của em",
                            10,
                            "Học sinh tô màu hình cơ thể, đánh dấu vùng riêng tư.",
                        ),
                        (
                            "Đèn xanh – đèn đỏ",
                            15,
                            "Người điều phối đọc các tình huống (ôm chào của bà, bạn vỗ vai, người lớn bảo giữ bí mật về cái chạm). Học sinh giơ thẻ xanh hoặc đỏ.",
                        ),
                        (
                            "Bí mật vui, bí mật buồn",
                            10,
                            "Phân biệt bí mật vui (quà sinh nhật) và bí mật khiến em sợ hãi cần kể ngay.",
                        ),
                        (
                            "Bàn tay tin cậy",
                            10,
                            "Mỗi em vẽ bàn tay, ghi tên năm người tin cậy trên năm ngón.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Nếu một người quen bảo em giữ bí mật về cái chạm, em làm gì?",
                        "Cảm giác trong cơ thể báo cho em biết điều gì không ổn?",
                    ],
                ),
                (
                    "tip",
                    "Buổi này cần hai người điều phối: một người dẫn, một người quan sát các em có biểu hiện lo lắng để trò chuyện riêng sau buổi.",
                ),
            ],
        },
        "en": {
            "title": "Safe and unsafe touch",
            "intro": "Helps younger pupils understand their right over their own body, tell safe from unsafe touch, and know how to tell.",
            "body": [
                ("h", "The underwear rule"),
                (
                    "p",
                    "<p>The parts of the body covered by underwear are private. Nobody may look at, touch or photograph them, except a doctor examining you with a parent present. There is no <i>secret</i> about touching that you have to keep.</p>",
                ),
                (
                    "steps",
                    "Session plan",
                    [
                        ("My body", 10, "Pupils colour a body outline and mark the private parts."),
                        (
                            "Green light, red light",
                            15,
                            "The facilitator reads situations (grandma's hug, a friend's pat on the shoulder, an adult asking to keep a touch secret). Pupils hold up a green or red card.",
                        ),
                        (
                            "Happy and unhappy secrets",
                            10,
                            "Tell happy secrets (a birthday present) from secrets that scare you and must be told at once.",
                        ),
                        (
                            "My helping hand",
                            10,
                            "Each pupil draws their hand and writes five trusted people on the fingers.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "If someone you know asks you to keep a touch secret, what do you do?",
                        "What feelings in your body tell you something is wrong?",
                    ],
                ),
                (
                    "tip",
                    "Run this session with two facilitators: one leads, the other watches for pupils who seem worried and talks with them privately afterwards.",
                ),
            ],
        },
    },
    {
        "slug": "bao-luc-hoc-duong",
        "topic": "abuse_prevention",
        "format": "session_plan",
        "grades": (6, 12),
        "minutes": 60,
        "vi": {
            "title": "Bạo lực học đường: từ người chứng kiến thành người giúp đỡ",
            "intro": "Khi chứng kiến bạn bị bắt nạt, em có thể làm gì an toàn để giúp? Buổi sinh hoạt luyện năm cách can thiệp.",
            "body": [
                (
                    "p",
                    "<p>Phần lớn vụ bắt nạt diễn ra trước mặt các bạn khác. Khi người chứng kiến lên tiếng, vụ việc thường dừng lại nhanh hơn.</p>",
                ),
                (
                    "steps",
                    "Hoạt động",
                    [
                        (
                            "Bản đồ điểm nóng",
                            10,
                            "Nhóm vẽ sơ đồ trường và đánh dấu nơi hay xảy ra bắt nạt (nhà vệ sinh, nhà xe, nhóm chat).",
                        ),
                        (
                            "Năm cách giúp",
                            15,
                            "Đánh lạc hướng, nhờ người lớn, đi cùng bạn bị bắt nạt, lên tiếng cùng nhóm, hỏi thăm bạn sau đó.",
                        ),
                        (
                            "Sân khấu diễn đàn",
                            25,
                            "Một nhóm diễn cảnh bắt nạt; khán giả hô “dừng” và vào thay vai người chứng kiến để thử cách giúp.",
                        ),
                        ("Tổng kết", 10, "Cả lớp thống nhất ba việc làm ngay tuần này."),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao nhiều người chọn im lặng khi thấy bạn bị bắt nạt?",
                        "Quay video cảnh đánh nhau và đăng lên mạng giúp hay hại bạn bị bắt nạt?",
                        "Trường mình cần thay đổi gì để ai cũng thấy an toàn?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "School bullying: from bystander to upstander",
            "intro": "When you see a classmate bullied, what can you safely do to help? This session practises five ways to step in.",
            "body": [
                (
                    "p",
                    "<p>Most bullying happens in front of other pupils. When bystanders speak up, it usually stops sooner.</p>",
                ),
                (
                    "steps",
                    "Activity",
                    [
                        (
                            "Hot-spot map",
                            10,
                            "Groups draw a map of the school and mark where bullying often happens (toilets, bike shed, group chats).",
                        ),
                        (
                            "Five ways to help",
                            15,
                            "Distract, get an adult, walk with the person being bullied, speak up as a group, check on them afterwards.",
                        ),
                        (
                            "Forum theatre",
                            25,
                            "One group acts out a bullying scene; the audience calls “stop” and steps into a bystander's role to try a way to help.",
                        ),
                        ("Wrap-up", 10, "The class agrees on three things to do this week."),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why do many people stay silent when they see bullying?",
                        "Does filming a fight and posting it online help or harm the victim?",
                        "What should change at our school so everyone feels safe?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "viec-nhe-luong-cao",
        "topic": "trafficking",
        "format": "handout",
        "grades": (9, 12),
        "minutes": 45,
        "featured": True,
        "vi": {
            "title": "“Việc nhẹ lương cao”: dấu hiệu của mua bán người",
            "intro": "Tài liệu phát tay giúp học sinh lớn nhận ra những lời mời làm việc, du học, kết bạn là bẫy của kẻ mua bán người.",
            "body": [
                ("h", "Năm dấu hiệu cảnh báo"),
                (
                    "p",
                    "<ol><li>Lương cao bất thường, không cần kinh nghiệm hay bằng cấp.</li><li>Yêu cầu đi ngay, giữ bí mật với gia đình.</li><li>Người tuyển dụng giữ giấy tờ tùy thân của em.</li><li>Chỉ liên lạc qua mạng xã hội, không có địa chỉ công ty rõ ràng.</li><li>Được “bao” vé xe, vé máy bay rồi bị tính thành nợ.</li></ol>",
                ),
                ("h", "Nếu em hoặc bạn em gặp chuyện"),
                (
                    "p",
                    "<p>Gọi <b>111</b> (Tổng đài quốc gia bảo vệ trẻ em) hoặc <b>113</b> (công an). Ghi lại tên tài khoản, số điện thoại, ảnh chụp tin nhắn. Không chuyển tiền, không gửi ảnh giấy tờ.</p>",
                ),
                (
                    "steps",
                    "Gợi ý sử dụng trong buổi sinh hoạt",
                    [
                        (
                            "Đọc tin tuyển dụng",
                            15,
                            "Phát năm mẩu tin tuyển dụng (có thật và giả). Nhóm tìm dấu hiệu cảnh báo.",
                        ),
                        (
                            "Hỏi – đáp",
                            15,
                            "Người điều phối kể một câu chuyện thật đã được ẩn danh và cả lớp phân tích.",
                        ),
                        (
                            "Lan tỏa",
                            15,
                            "Mỗi nhóm thiết kế một thông điệp ngắn để chia sẻ với gia đình.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao kẻ xấu thường tiếp cận qua mạng xã hội?",
                        "Em sẽ kiểm tra một lời mời làm việc như thế nào?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Too-good-to-be-true job offers: signs of trafficking",
            "intro": "A handout that helps older pupils recognise job, study-abroad and friendship offers that are traps set by traffickers.",
            "body": [
                ("h", "Five warning signs"),
                (
                    "p",
                    "<ol><li>Unusually high pay with no experience or qualifications needed.</li><li>Pressure to leave at once and keep it secret from family.</li><li>The recruiter keeps your identity papers.</li><li>Contact only through social media, with no clear company address.</li><li>Travel tickets are “free” and later turned into a debt.</li></ol>",
                ),
                ("h", "If it happens to you or a friend"),
                (
                    "p",
                    "<p>Call <b>111</b> (national child-protection hotline) or <b>113</b> (police). Note the account names and phone numbers and keep screenshots. Do not send money or photos of your papers.</p>",
                ),
                (
                    "steps",
                    "Using it in a session",
                    [
                        (
                            "Read the job ads",
                            15,
                            "Hand out five job ads (real and fake). Groups look for warning signs.",
                        ),
                        (
                            "Questions and answers",
                            15,
                            "The facilitator tells a real, anonymised story and the class analyses it.",
                        ),
                        (
                            "Pass it on",
                            15,
                            "Each group designs a short message to share with their family.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why do traffickers often make contact through social media?",
                        "How would you check whether a job offer is real?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "tuoi-chiu-trach-nhiem-hinh-su",
        "topic": "law_education",
        "format": "handout",
        "grades": (8, 12),
        "minutes": 45,
        "vi": {
            "title": "Tuổi chịu trách nhiệm hình sự và quyền của người dưới 18 tuổi",
            "intro": "Những điều học sinh cần biết về trách nhiệm pháp lý của mình và quyền được bảo vệ khi làm việc với cơ quan chức năng.",
            "body": [
                ("h", "Em chịu trách nhiệm từ bao nhiêu tuổi?"),
                (
                    "p",
                    "<p>Theo Điều 12 Bộ luật Hình sự 2015 (sửa đổi, bổ sung 2017), người <b>từ đủ 16 tuổi</b> phải chịu trách nhiệm hình sự về mọi tội phạm, trừ trường hợp luật có quy định khác. Người <b>từ đủ 14 đến dưới 16 tuổi</b> chịu trách nhiệm hình sự về tội phạm rất nghiêm trọng và đặc biệt nghiêm trọng đối với một số tội được liệt kê, như cố ý gây thương tích, hiếp dâm, cướp tài sản, trộm cắp tài sản.</p>",
                ),
                ("h", "Quyền của em"),
                (
                    "p",
                    "<ul><li>Được có cha mẹ hoặc người đại diện đi cùng khi làm việc với cơ quan tiến hành tố tụng.</li><li>Được trợ giúp pháp lý miễn phí.</li><li>Được giữ bí mật đời tư; việc xử lý chủ yếu nhằm giáo dục, giúp em sửa chữa sai lầm (Điều 91 Bộ luật Hình sự).</li></ul>",
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao pháp luật xử lý người dưới 18 tuổi khác với người lớn?",
                        "Đăng ảnh, thông tin của bạn khác lên mạng để bêu riếu có vi phạm pháp luật không?",
                    ],
                ),
                (
                    "tip",
                    "Đây là tài liệu giáo dục, không thay cho tư vấn pháp lý. Khi có vụ việc cụ thể, hãy liên hệ trung tâm trợ giúp pháp lý nhà nước.",
                ),
            ],
        },
        "en": {
            "title": "Age of criminal responsibility and the rights of under-18s",
            "intro": "What pupils need to know about their legal responsibility and their right to protection when dealing with the authorities.",
            "body": [
                ("h", "From what age are you responsible?"),
                (
                    "p",
                    "<p>Under Article 12 of the 2015 Criminal Code (amended 2017), a person <b>aged 16 or over</b> is criminally responsible for all crimes unless the law says otherwise. A person <b>aged 14 to under 16</b> is responsible for very serious and particularly serious crimes under a list of offences, such as intentional injury, rape, robbery and theft.</p>",
                ),
                ("h", "Your rights"),
                (
                    "p",
                    "<ul><li>To have a parent or representative with you when dealing with the investigating authorities.</li><li>To free legal aid.</li><li>To privacy; handling aims mainly to educate and help you put things right (Article 91 of the Criminal Code).</li></ul>",
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why does the law treat under-18s differently from adults?",
                        "Is posting a classmate's photo and details online to shame them against the law?",
                    ],
                ),
                (
                    "tip",
                    "This is educational material, not legal advice. For a real case, contact the state legal aid centre.",
                ),
            ],
        },
    },
    {
        "slug": "tuoi-day-thi",
        "topic": "reproductive_health",
        "format": "session_plan",
        "grades": (6, 8),
        "minutes": 45,
        "vi": {
            "title": "Tuổi dậy thì: cơ thể em đang thay đổi",
            "intro": "Giải thích những thay đổi về cơ thể và cảm xúc tuổi dậy thì một cách khoa học, tôn trọng và không ngại ngùng.",
            "body": [
                (
                    "p",
                    "<p>Dậy thì thường bắt đầu từ 9–14 tuổi ở bạn nữ và 10–15 tuổi ở bạn nam. Mỗi người có nhịp phát triển riêng; sớm hay muộn hơn bạn bè đều bình thường.</p>",
                ),
                (
                    "steps",
                    "Tiến trình",
                    [
                        (
                            "Hộp câu hỏi ẩn danh",
                            5,
                            "Mỗi em viết một câu hỏi không ghi tên và bỏ vào hộp.",
                        ),
                        (
                            "Thay đổi cơ thể",
                            15,
                            "Dùng tranh minh hoạ, giới thiệu thay đổi ở bạn nữ và bạn nam: chiều cao, giọng nói, kinh nguyệt, mộng tinh, mụn.",
                        ),
                        (
                            "Vệ sinh cá nhân",
                            10,
                            "Hướng dẫn vệ sinh hằng ngày, cách dùng băng vệ sinh, chọn áo lót phù hợp.",
                        ),
                        ("Trả lời hộp câu hỏi", 15, "Người điều phối trả lời các câu hỏi ẩn danh."),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao không nên trêu chọc bạn về những thay đổi cơ thể?",
                        "Em có thể hỏi ai khi có thắc mắc về cơ thể mình?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Puberty: my body is changing",
            "intro": "Explains the physical and emotional changes of puberty in a factual, respectful and relaxed way.",
            "body": [
                (
                    "p",
                    "<p>Puberty usually starts between 9 and 14 for girls and between 10 and 15 for boys. Everyone develops at their own pace; being earlier or later than friends is normal.</p>",
                ),
                (
                    "steps",
                    "Session plan",
                    [
                        (
                            "Anonymous question box",
                            5,
                            "Each pupil writes a question without their name and puts it in the box.",
                        ),
                        (
                            "Body changes",
                            15,
                            "With illustrations, present the changes in girls and boys: height, voice, periods, wet dreams, spots.",
                        ),
                        (
                            "Personal hygiene",
                            10,
                            "Daily hygiene, how to use sanitary pads, choosing a suitable bra.",
                        ),
                        ("Answer the box", 15, "The facilitator answers the anonymous questions."),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why should we never tease someone about their body changes?",
                        "Whom can you ask when you have a question about your body?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "tinh-ban-tinh-yeu-dong-thuan",
        "topic": "reproductive_health",
        "format": "session_plan",
        "grades": (9, 12),
        "minutes": 60,
        "vi": {
            "title": "Tình bạn, tình yêu tuổi học trò và sự đồng thuận",
            "intro": "Thảo luận về mối quan hệ lành mạnh, dấu hiệu kiểm soát, và vì sao “đồng thuận” phải rõ ràng, tự nguyện và có thể rút lại.",
            "body": [
                (
                    "p",
                    "<p>Một mối quan hệ lành mạnh có <b>tôn trọng, tin tưởng và trung thực</b>. Kiểm tra điện thoại, cấm gặp bạn bè hay ép gửi ảnh nhạy cảm là dấu hiệu kiểm soát.</p>",
                ),
                (
                    "steps",
                    "Hoạt động",
                    [
                        (
                            "Thước đo mối quan hệ",
                            15,
                            "Học sinh xếp các hành vi vào ba cột: lành mạnh, cần chú ý, nguy hiểm.",
                        ),
                        (
                            "Đồng thuận là gì?",
                            15,
                            "Phân tích ví dụ “hỏi trước khi ôm”, “im lặng không phải là đồng ý”.",
                        ),
                        (
                            "Ảnh nhạy cảm",
                            20,
                            "Thảo luận: gửi, nhận hay chia sẻ ảnh nhạy cảm của người dưới 18 tuổi đều có thể vi phạm pháp luật; cách xử lý khi bị ép gửi ảnh.",
                        ),
                        ("Kết thúc", 10, "Mỗi em viết một điều em mong đợi ở một người bạn tốt."),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Ghen tuông có phải là biểu hiện của tình yêu?",
                        "Em nói gì khi người yêu đòi mật khẩu mạng xã hội của em?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Friendship, teen relationships and consent",
            "intro": "Discusses healthy relationships, signs of control, and why consent must be clear, freely given and can be withdrawn.",
            "body": [
                (
                    "p",
                    "<p>A healthy relationship has <b>respect, trust and honesty</b>. Checking someone's phone, banning them from seeing friends or pressuring them to send intimate photos are signs of control.</p>",
                ),
                (
                    "steps",
                    "Activity",
                    [
                        (
                            "Relationship ruler",
                            15,
                            "Pupils sort behaviours into three columns: healthy, watch out, dangerous.",
                        ),
                        (
                            "What is consent?",
                            15,
                            "Work through examples: “ask before a hug”, “silence is not a yes”.",
                        ),
                        (
                            "Intimate images",
                            20,
                            "Discuss: sending, receiving or sharing intimate images of under-18s can break the law; what to do when pressured to send one.",
                        ),
                        (
                            "Close",
                            10,
                            "Each pupil writes one thing they expect from a good friend.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Is jealousy a sign of love?",
                        "What do you say when a partner asks for your social media password?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "an-toan-tren-mang",
        "topic": "online_safety",
        "format": "session_plan",
        "grades": (6, 12),
        "minutes": 45,
        "featured": True,
        "arabic": True,
        "vi": {
            "title": "An toàn trên mạng: bảo vệ thông tin cá nhân",
            "intro": "Những gì không nên chia sẻ trên mạng, cách đặt mật khẩu mạnh và cài đặt quyền riêng tư cho tài khoản mạng xã hội.",
            "body": [
                ("h", "Thông tin cần giữ riêng"),
                (
                    "p",
                    "<ul><li>Địa chỉ nhà, tên trường kèm lớp, lịch đi học.</li><li>Số điện thoại, mật khẩu, mã OTP.</li><li>Ảnh có đồng phục, biển số nhà, vị trí.</li></ul><p>Một mật khẩu mạnh dài ít nhất 12 ký tự, là một câu dễ nhớ với em nhưng khó đoán với người khác; bật xác thực hai bước.</p>",
                ),
                (
                    "steps",
                    "Tiến trình",
                    [
                        (
                            "Thám tử mạng",
                            10,
                            "Cho xem trang cá nhân giả của “bạn Lan”. Nhóm tìm ra bạn ấy học trường nào, sống ở đâu, mấy giờ đi học.",
                        ),
                        (
                            "Dọn dẹp tài khoản",
                            20,
                            "Học sinh (có điện thoại) kiểm tra cài đặt quyền riêng tư: ai xem được bài viết, tắt chia sẻ vị trí.",
                        ),
                        (
                            "Mật khẩu câu chuyện",
                            10,
                            "Mỗi em nghĩ một câu làm mật khẩu (không nói ra) và kiểm tra theo tiêu chí.",
                        ),
                        (
                            "Tổng kết",
                            5,
                            "Nhắc lại: khi bị đe doạ trên mạng, chụp màn hình, chặn, báo người lớn.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Một bức ảnh “check-in” có thể tiết lộ những gì về em?",
                        "Vì sao không bao giờ cho ai mã OTP, kể cả bạn thân?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Staying safe online: protecting personal information",
            "intro": "What not to share online, how to make a strong password, and how to set privacy options on social media accounts.",
            "body": [
                ("h", "Information to keep private"),
                (
                    "p",
                    "<ul><li>Home address, school with class, your daily schedule.</li><li>Phone number, passwords, one-time codes.</li><li>Photos showing your uniform, house number or location.</li></ul><p>A strong password is at least 12 characters long: a sentence easy for you to remember and hard for others to guess. Turn on two-step verification.</p>",
                ),
                (
                    "steps",
                    "Session plan",
                    [
                        (
                            "Online detective",
                            10,
                            "Show the fake profile of “Lan”. Groups work out which school she attends, where she lives and when she leaves for school.",
                        ),
                        (
                            "Account clean-up",
                            20,
                            "Pupils with phones check their privacy settings: who can see posts, turning off location sharing.",
                        ),
                        (
                            "Story passwords",
                            10,
                            "Each pupil thinks of a sentence as a password (without saying it) and checks it against the criteria.",
                        ),
                        (
                            "Wrap-up",
                            5,
                            "Repeat: when threatened online, take screenshots, block, and tell an adult.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "What can a single check-in photo reveal about you?",
                        "Why should you never give anyone a one-time code, even a close friend?",
                    ],
                ),
            ],
        },
        "ar": {
            "title": "الأمان على الإنترنت: حماية المعلومات الشخصية",
            "intro": "ما الذي لا ينبغي مشاركته على الإنترنت، وكيف تصنع كلمة مرور قوية، وكيف تضبط إعدادات الخصوصية في حسابات التواصل الاجتماعي.",
            "body": [
                ("h", "معلومات يجب أن تبقى خاصة"),
                (
                    "p",
                    "<ul><li>عنوان المنزل، واسم المدرسة مع الصف، وجدولك اليومي.</li><li>رقم الهاتف وكلمات المرور ورموز التحقق.</li><li>صور تُظهر زيّك المدرسي أو رقم منزلك أو موقعك.</li></ul><p>كلمة المرور القوية لا تقل عن 12 حرفًا، وتفعيل التحقق بخطوتين ضروري.</p>",
                ),
                (
                    "q",
                    "أسئلة للنقاش",
                    [
                        "ماذا يمكن أن تكشف صورة واحدة مع تحديد الموقع عنك؟",
                        "لماذا لا تعطي رمز التحقق لأي شخص، حتى لصديق مقرّب؟",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "bat-nat-tong-tien-qua-mang",
        "topic": "online_safety",
        "format": "handout",
        "grades": (8, 12),
        "minutes": 45,
        "vi": {
            "title": "Khi bị bắt nạt hoặc tống tiền qua mạng",
            "intro": "Các bước cụ thể khi em bị bắt nạt, đe doạ tung ảnh hoặc tống tiền trên mạng: em không có lỗi và không phải đối mặt một mình.",
            "body": [
                ("h", "Làm ngay"),
                (
                    "p",
                    "<ol><li><b>Không trả tiền, không gửi thêm ảnh.</b> Kẻ tống tiền hiếm khi dừng lại sau lần đầu.</li><li>Chụp màn hình tin nhắn, tên tài khoản, đường dẫn.</li><li>Chặn và báo cáo tài khoản trên nền tảng.</li><li>Kể với người lớn tin cậy, gọi 111 hoặc 113.</li></ol>",
                ),
                (
                    "p",
                    "<p>Nếu ảnh đã bị đăng, có thể yêu cầu nền tảng gỡ bỏ. Cán bộ công tác xã hội của trung tâm có thể đi cùng em và gia đình trong suốt quá trình.</p>",
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Vì sao nạn nhân thường ngại kể với bố mẹ? Người lớn nên phản ứng thế nào?",
                        "Chia sẻ tiếp ảnh của người khác khiến em trở thành gì trong câu chuyện?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "When you are bullied or blackmailed online",
            "intro": "Concrete steps when you are bullied, threatened with leaked images or blackmailed online: it is not your fault and you do not face it alone.",
            "body": [
                ("h", "Do this now"),
                (
                    "p",
                    "<ol><li><b>Do not pay and do not send more images.</b> Blackmailers rarely stop after the first time.</li><li>Take screenshots of messages, account names and links.</li><li>Block and report the account on the platform.</li><li>Tell a trusted adult, call 111 or 113.</li></ol>",
                ),
                (
                    "p",
                    "<p>If images have been posted, the platform can be asked to remove them. The centre's social workers can stay with you and your family throughout.</p>",
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Why are victims often afraid to tell their parents? How should adults react?",
                        "What does forwarding someone else's image make you in the story?",
                    ],
                ),
            ],
        },
    },
    {
        "slug": "dat-muc-tieu-chon-nghe",
        "topic": "life_career",
        "format": "worksheet",
        "grades": (9, 12),
        "minutes": 90,
        "featured": True,
        "vi": {
            "title": "Đặt mục tiêu và chọn nghề phù hợp",
            "intro": "Phiếu bài tập giúp học sinh hiểu sở thích, điểm mạnh của mình và lập kế hoạch học tập, nghề nghiệp theo mục tiêu SMART.",
            "body": [
                (
                    "p",
                    "<p>Chọn nghề không chỉ là chọn trường. Em cần biết mình <b>thích gì</b>, <b>giỏi gì</b>, xã hội <b>cần gì</b> và gia đình có thể hỗ trợ gì.</p>",
                ),
                (
                    "steps",
                    "Hoạt động",
                    [
                        (
                            "Cây nghề nghiệp",
                            20,
                            "Rễ: sở thích và giá trị; thân: điểm mạnh; tán: các nghề có thể. Mỗi em vẽ cây của mình.",
                        ),
                        (
                            "Mục tiêu SMART",
                            25,
                            "Viết một mục tiêu cụ thể, đo được, khả thi, liên quan và có thời hạn cho năm học này.",
                        ),
                        (
                            "Phỏng vấn nghề",
                            30,
                            "Nhóm chuẩn bị câu hỏi và phỏng vấn một khách mời (cán bộ xã hội, thợ điện, điều dưỡng…).",
                        ),
                        ("Chia sẻ kế hoạch", 15, "Từng cặp góp ý cho kế hoạch của nhau."),
                    ],
                ),
                (
                    "q",
                    "Câu hỏi thảo luận",
                    [
                        "Học nghề sau lớp 9 hoặc lớp 12 có phải là lựa chọn kém hơn đại học không?",
                        "Em sẽ làm gì nếu mong muốn của em khác với mong muốn của bố mẹ?",
                    ],
                ),
            ],
        },
        "en": {
            "title": "Setting goals and choosing a career",
            "intro": "A worksheet that helps pupils understand their interests and strengths and plan their studies and career with SMART goals.",
            "body": [
                (
                    "p",
                    "<p>Choosing a career is more than choosing a school. You need to know what you <b>enjoy</b>, what you are <b>good at</b>, what society <b>needs</b> and what your family can support.</p>",
                ),
                (
                    "steps",
                    "Activity",
                    [
                        (
                            "Career tree",
                            20,
                            "Roots: interests and values; trunk: strengths; crown: possible careers. Each pupil draws their own tree.",
                        ),
                        (
                            "SMART goal",
                            25,
                            "Write one specific, measurable, achievable, relevant and time-bound goal for this school year.",
                        ),
                        (
                            "Career interview",
                            30,
                            "Groups prepare questions and interview a guest (social worker, electrician, nurse…).",
                        ),
                        (
                            "Share plans",
                            15,
                            "Pupils give each other feedback on their plans in pairs.",
                        ),
                    ],
                ),
                (
                    "q",
                    "Discussion questions",
                    [
                        "Is vocational training after grade 9 or 12 a lesser choice than university?",
                        "What will you do if your wishes differ from your parents'?",
                    ],
                ),
            ],
        },
    },
]

MOCK_TRIAL = {
    "slug": "phien-toa-gia-dinh-trom-xe-dap",
    "topic": "law_education",
    "format": "mock_trial",
    "grades": (10, 12),
    "minutes": 120,
    "featured": False,
    "vi": {
        "title": "Phiên toà giả định: vụ trộm xe đạp trước cổng trường",
        "intro": "Hồ sơ vụ án để các câu lạc bộ dựng phiên toà giả định về trộm cắp tài sản do người dưới 18 tuổi thực hiện.",
        "case_summary": "Chiều thứ Sáu, Nam (16 tuổi 3 tháng, học sinh lớp 11) lấy chiếc xe đạp điện trị giá khoảng 9 triệu đồng của một bạn cùng trường đang dựng trước cổng, không khoá, rồi mang đi bán được 2 triệu đồng để trả nợ chơi game. Camera của một cửa hàng gần trường ghi lại sự việc. Nam thành khẩn khai báo, gia đình đã bồi thường cho bị hại.",
        "legal_basis": "Bộ luật Hình sự 2015 (sửa đổi, bổ sung 2017): Điều 12 (tuổi chịu trách nhiệm hình sự), Điều 91 (nguyên tắc xử lý người dưới 18 tuổi phạm tội), Điều 173 (tội trộm cắp tài sản).",
        "roles": [
            (
                "Thẩm phán chủ toạ",
                "Điều khiển phiên toà, hỏi bị cáo và nhân chứng, tuyên án sau khi nghị án.",
            ),
            (
                "Hội thẩm nhân dân (2 người)",
                "Cùng thẩm phán xét hỏi và nghị án; chú ý hoàn cảnh gia đình và thái độ của bị cáo.",
            ),
            ("Kiểm sát viên", "Đọc cáo trạng, chứng minh hành vi phạm tội, đề nghị mức xử lý."),
            (
                "Luật sư bào chữa",
                "Trình bày tình tiết giảm nhẹ: lần đầu phạm tội, thành khẩn, đã bồi thường.",
            ),
            ("Bị cáo Nam", "Trả lời câu hỏi, thể hiện sự ăn năn; nói về áp lực nợ game."),
            ("Bị hại và nhân chứng", "Kể lại sự việc; chủ cửa hàng trình bày về đoạn video."),
        ],
        "body": [
            (
                "steps",
                "Tổ chức phiên toà",
                [
                    (
                        "Phân vai và đọc hồ sơ",
                        30,
                        "Phân vai trước một tuần; mỗi vai đọc hồ sơ và phần hướng dẫn của mình.",
                    ),
                    (
                        "Diễn phiên toà",
                        60,
                        "Khai mạc, đọc cáo trạng, xét hỏi, tranh luận, lời nói sau cùng của bị cáo, nghị án, tuyên án.",
                    ),
                    (
                        "Thảo luận sau phiên toà",
                        30,
                        "Cán bộ pháp lý giải thích quy định và cả hội trường thảo luận bài học.",
                    ),
                ],
            ),
            (
                "q",
                "Câu hỏi thảo luận",
                [
                    "Nếu Nam mới 15 tuổi, việc xử lý có khác không? Vì sao?",
                    "Nợ game đã dẫn Nam tới hành vi phạm tội như thế nào? Em có thể làm gì khi bạn mắc nợ?",
                    "Ngoài hình phạt, những biện pháp nào giúp Nam sửa chữa sai lầm?",
                ],
            ),
            (
                "tip",
                "Tên nhân vật là hư cấu. Không dùng tên, ảnh của học sinh thật trong hồ sơ hay trên sân khấu.",
            ),
        ],
    },
    "en": {
        "title": "Mock trial: the bicycle theft at the school gate",
        "intro": "A case file for clubs to stage a mock trial about theft committed by someone under 18.",
        "case_summary": "On a Friday afternoon Nam (16 years and 3 months old, grade 11) took an unlocked electric bicycle worth about 9 million dong that belonged to a schoolmate and was parked at the school gate, and sold it for 2 million dong to pay off a gaming debt. A shop camera near the school recorded it. Nam confessed sincerely and his family compensated the victim.",
        "legal_basis": "Criminal Code 2015 (amended 2017): Article 12 (age of criminal responsibility), Article 91 (principles for handling offenders under 18), Article 173 (theft of property).",
        "roles": [
            (
                "Presiding judge",
                "Runs the hearing, questions the defendant and witnesses, pronounces the judgment after deliberation.",
            ),
            (
                "People's assessors (2)",
                "Question and deliberate with the judge; weigh the family circumstances and the defendant's attitude.",
            ),
            ("Prosecutor", "Reads the indictment, proves the offence, proposes a sentence."),
            (
                "Defence lawyer",
                "Presents mitigating factors: first offence, sincere confession, compensation paid.",
            ),
            (
                "Defendant Nam",
                "Answers questions, shows remorse, talks about the pressure of the gaming debt.",
            ),
            ("Victim and witnesses", "Tell what happened; the shop owner speaks about the video."),
        ],
        "body": [
            (
                "steps",
                "Running the trial",
                [
                    (
                        "Cast and read the file",
                        30,
                        "Assign roles a week ahead; each role reads the file and its own brief.",
                    ),
                    (
                        "Stage the trial",
                        60,
                        "Opening, indictment, questioning, arguments, the defendant's last words, deliberation, judgment.",
                    ),
                    (
                        "Discussion afterwards",
                        30,
                        "A legal officer explains the rules and the audience discusses the lessons.",
                    ),
                ],
            ),
            (
                "q",
                "Discussion questions",
                [
                    "If Nam were only 15, would the outcome differ? Why?",
                    "How did the gaming debt lead Nam to offend? What can you do when a friend is in debt?",
                    "Besides punishment, what helps Nam put things right?",
                ],
            ),
            (
                "tip",
                "The characters are fictional. Never use real pupils' names or photos in the file or on stage.",
            ),
        ],
    },
}
