# ruff: noqa: E501  (prose: one sentence per line reads better than wrapped strings)
"""Titles and introductions of the site's fixed pages in each language."""

SITE = {
    "home": {
        "vi": (
            "Lá Lành – Kỹ năng sống cho tuổi học trò",
            "Thư viện tài liệu kỹ năng sống, tin tức và sự kiện của 23 Câu lạc bộ Thanh thiếu niên Hồng, Trung tâm Công tác xã hội thành phố.",
        ),
        "en": (
            "Lá Lành – Life skills for young people",
            "Life-skills materials, news and events of the 23 Pink Youth Clubs of the city social-work centre.",
        ),
        "fr": (
            "Lá Lành – Compétences de vie pour les jeunes",
            "Ressources pédagogiques, actualités et événements des 23 Clubs de Jeunes Roses du Centre municipal de travail social.",
        ),
        "ar": (
            "لا لانه – مهارات الحياة للشباب",
            "مواد تعليمية في مهارات الحياة وأخبار وفعاليات نوادي الشباب الوردية الثلاثة والعشرين التابعة لمركز العمل الاجتماعي في المدينة.",
        ),
    },
    "library": {
        "slug": "thu-vien",
        "vi": (
            "Thư viện tài liệu",
            "Giáo án, phiếu bài tập và hồ sơ phiên toà giả định cho các buổi sinh hoạt kỹ năng sống.",
        ),
        "en": (
            "Materials library",
            "Session plans, worksheets and mock-trial case files for life-skills sessions.",
        ),
        "fr": (
            "Bibliothèque de ressources",
            "Fiches de séance, fiches d'exercices et dossiers de procès simulés.",
        ),
        "ar": (
            "مكتبة المواد",
            "خطط الجلسات وأوراق العمل وملفات المحاكمات الصورية لجلسات مهارات الحياة.",
        ),
    },
    "news": {
        "slug": "tin-tuc",
        "vi": ("Tin tức", "Hoạt động của trung tâm và các câu lạc bộ."),
        "en": ("News", "What the centre and the clubs have been doing."),
        "fr": ("Actualités", "Les activités du Centre et des clubs."),
        "ar": ("الأخبار", "أنشطة المركز والنوادي."),
    },
    "events": {
        "slug": "su-kien",
        "vi": (
            "Sự kiện mở cho cộng đồng",
            "Các buổi sinh hoạt, phiên toà giả định mà phụ huynh và người dân có thể tham dự.",
        ),
        "en": ("Public events", "Sessions and mock trials that parents and the public can attend."),
        "fr": ("Événements publics", "Séances et procès simulés ouverts aux parents et au public."),
        "ar": ("فعاليات عامة", "جلسات ومحاكمات صورية يمكن لأولياء الأمور والجمهور حضورها."),
    },
}
