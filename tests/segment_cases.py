"""Named sentence-splitting cases shared by tests/test_segment.py and
benchmarks/segment.py.

The texts were written for newstag. The first block follows the 48
categories of the English "Golden Rules" of the Pragmatic Segmenter
tradition (one case per category, same order); the second block covers news
phenomena. Each expected list is what a careful human would cut.

``CASES`` is a list of ``(name, text, expected_sentences)``.
"""

from __future__ import annotations

GOLDEN_RULE_CASES: list[tuple[str, str, list[str]]] = [
    (
        "gr01_simple_period",
        "The talks ended. Both sides left the room.",
        ["The talks ended.", "Both sides left the room."],
    ),
    (
        "gr02_question_mark",
        "Who fired first? Nobody would say.",
        ["Who fired first?", "Nobody would say."],
    ),
    (
        "gr03_exclamation_point",
        "The bridge is down! Traffic is stuck for miles.",
        ["The bridge is down!", "Traffic is stuck for miles."],
    ),
    (
        "gr04_one_letter_upper_abbrev",
        "The report was written by Anna K. Petrova.",
        ["The report was written by Anna K. Petrova."],
    ),
    (
        "gr05_one_letter_lower_abbrev",
        "The figures appear on p. 12 of the report.",
        ["The figures appear on p. 12 of the report."],
    ),
    (
        "gr06_two_letter_lower_abbrev_mid",
        "Did Marco and co. arrive before the vote?",
        ["Did Marco and co. arrive before the vote?"],
    ),
    (
        "gr07_two_letter_upper_abbrev_mid",
        "The contract went to Harlan, Webb & Co. after a long tender.",
        ["The contract went to Harlan, Webb & Co. after a long tender."],
    ),
    (
        "gr08_two_letter_lower_abbrev_end",
        "We should call Marco and co. They were at the meeting.",
        ["We should call Marco and co.", "They were at the meeting."],
    ),
    (
        "gr09_two_letter_upper_abbrev_end",
        "The port was sold to Harlan, Webb & Co. It changed hands on Monday.",
        ["The port was sold to Harlan, Webb & Co.", "It changed hands on Monday."],
    ),
    (
        "gr10_prepositive_abbrev",
        "Hikers were stranded on Mt. Elbrus overnight.",
        ["Hikers were stranded on Mt. Elbrus overnight."],
    ),
    (
        "gr11_prepositive_and_postpositive_abbrev",
        "St. Anne's Hospital is on 3rd st. near the market.",
        ["St. Anne's Hospital is on 3rd st. near the market."],
    ),
    (
        "gr12_possessive_abbrev",
        "Police seized Martin Lowe Jr.'s car on the highway.",
        ["Police seized Martin Lowe Jr.'s car on the highway."],
    ),
    (
        "gr13_multi_period_abbrev_mid",
        "She moved to the U.K. last spring.",
        ["She moved to the U.K. last spring."],
    ),
    (
        "gr14_multi_period_abbrev_end",
        "The summit was hosted by the E.U. Where will the next one be?",
        ["The summit was hosted by the E.U.", "Where will the next one be?"],
    ),
    (
        "gr15_us_as_boundary",
        "The envoy flew back to the U.S. She briefed senators on Tuesday.",
        ["The envoy flew back to the U.S.", "She briefed senators on Tuesday."],
    ),
    (
        "gr16_us_not_boundary_before_capital",
        "Engineers from the U.S. Army Corps arrived at the dam.",
        ["Engineers from the U.S. Army Corps arrived at the dam."],
    ),
    (
        "gr17_us_not_boundary",
        "He has worked in the U.S. since 2009.",
        ["He has worked in the U.S. since 2009."],
    ),
    (
        "gr18_am_pm",
        "By 7 a.m. Mr. Osei had reached the border. Shelling resumed at 9 P.M. "
        "Mrs. Osei was still in the city.",
        [
            "By 7 a.m. Mr. Osei had reached the border.",
            "Shelling resumed at 9 P.M.",
            "Mrs. Osei was still in the city.",
        ],
    ),
    (
        "gr19_number_not_boundary",
        "The fund lost $2.75 billion in a single day.",
        ["The fund lost $2.75 billion in a single day."],
    ),
    (
        "gr20_number_as_boundary",
        "The repair bill came to $48.50. Nobody has paid it.",
        ["The repair bill came to $48.50.", "Nobody has paid it."],
    ),
    (
        "gr21_parenthetical_inside",
        "The minister (She had served two terms already.) declined to comment.",
        ["The minister (She had served two terms already.) declined to comment."],
    ),
    (
        "gr22_email_address",
        "Send tips to news.desk@example.org. We read every message.",
        ["Send tips to news.desk@example.org.", "We read every message."],
    ),
    (
        "gr23_web_address",
        "Details are posted at https://www.example.gov/reports/2024_q3-final.pdf. "
        "Read them before Friday.",
        [
            "Details are posted at https://www.example.gov/reports/2024_q3-final.pdf.",
            "Read them before Friday.",
        ],
    ),
    (
        "gr24_single_quotes_inside",
        "He looked up at her, 'That was close.' he whispered.",
        ["He looked up at her, 'That was close.' he whispered."],
    ),
    (
        "gr25_double_quotes_inside",
        'She waved at the crowd, "We did it." she told them.',
        ['She waved at the crowd, "We did it." she told them.'],
    ),
    (
        "gr26_double_quotes_end",
        'She waved at the crowd, "We did it." Then she walked off the stage.',
        ['She waved at the crowd, "We did it."', "Then she walked off the stage."],
    ),
    (
        "gr27_double_exclamation",
        "Unbelievable!! The dam held.",
        ["Unbelievable!!", "The dam held."],
    ),
    (
        "gr28_double_question",
        "Again?? Who signed off on this?",
        ["Again??", "Who signed off on this?"],
    ),
    (
        "gr29_exclamation_question",
        "You were there!? Tell me everything.",
        ["You were there!?", "Tell me everything."],
    ),
    (
        "gr30_question_exclamation",
        "Who did this?! Find them now.",
        ["Who did this?!", "Find them now."],
    ),
    (
        "gr31_list_period_paren_no_stop",
        "1.) Secure the perimeter 2.) Evacuate the ward",
        ["1.) Secure the perimeter", "2.) Evacuate the ward"],
    ),
    (
        "gr32_list_period_paren_stop",
        "1.) Secure the perimeter. 2.) Evacuate the ward.",
        ["1.) Secure the perimeter.", "2.) Evacuate the ward."],
    ),
    (
        "gr33_list_paren_no_stop",
        "1) Secure the perimeter 2) Evacuate the ward",
        ["1) Secure the perimeter", "2) Evacuate the ward"],
    ),
    (
        "gr34_list_paren_stop",
        "1) Secure the perimeter. 2) Evacuate the ward.",
        ["1) Secure the perimeter.", "2) Evacuate the ward."],
    ),
    (
        "gr35_list_period_no_stop",
        "1. Secure the perimeter 2. Evacuate the ward",
        ["1. Secure the perimeter", "2. Evacuate the ward"],
    ),
    (
        "gr36_list_period_stop",
        "1. Secure the perimeter. 2. Evacuate the ward.",
        ["1. Secure the perimeter.", "2. Evacuate the ward."],
    ),
    (
        "gr37_list_bullet",
        "• 4. Secure the perimeter • 5. Evacuate the ward",
        ["• 4. Secure the perimeter", "• 5. Evacuate the ward"],
    ),
    (
        "gr38_list_hyphen_bullet",
        "⁃4. Secure the perimeter ⁃5. Evacuate the ward",
        ["⁃4. Secure the perimeter", "⁃5. Evacuate the ward"],
    ),
    (
        "gr39_alphabetical_list",
        "a. Secure the perimeter b. Evacuate the ward c. Call the district office",
        ["a. Secure the perimeter", "b. Evacuate the ward", "c. Call the district office"],
    ),
    (
        "gr40_geo_coordinates",
        "The wreck lies near N°. 4417.231.902. Divers reached it in June.",
        ["The wreck lies near N°. 4417.231.902.", "Divers reached it in June."],
    ),
    (
        "gr41_named_entity_exclamation",
        "He spent years at Yahoo! before joining the ministry.",
        ["He spent years at Yahoo! before joining the ministry."],
    ),
    (
        "gr42_i_boundary_and_initial",
        "Nobody knew except my brother and I. Have you seen Carl I. Brandt since?",
        ["Nobody knew except my brother and I.", "Have you seen Carl I. Brandt since?"],
    ),
    (
        "gr43_ellipsis_end_of_quotation",
        'The judge wrote that the law "was never meant to cover such cases. . . ."',
        ['The judge wrote that the law "was never meant to cover such cases. . . ."'],
    ),
    (
        "gr44_ellipsis_square_brackets",
        '"The council [...] rejected every proposal [...]" (Minutes 12).',
        ['"The council [...] rejected every proposal [...]" (Minutes 12).'],
    ),
    (
        "gr45_ellipsis_boundary_standard",
        "The statement ended without an apology . . . . Critics noticed at once.",
        ["The statement ended without an apology . . . .", "Critics noticed at once."],
    ),
    (
        "gr46_ellipsis_boundary_nonstandard",
        "We waited for hours.... Nobody came.",
        ["We waited for hours....", "Nobody came."],
    ),
    (
        "gr47_ellipsis_not_boundary",
        "I was going to ... well, what I mean...listen . . . the point is . . . "
        "I never agreed to it.",
        [
            "I was going to ... well, what I mean...listen . . . the point is . . . "
            "I never agreed to it."
        ],
    ),
    (
        "gr48_four_dot_ellipsis",
        "Supplies dwindled . . . until the convoy came through. . . . The siege was over.",
        ["Supplies dwindled . . . until the convoy came through. . . .", "The siege was over."],
    ),
]

NEWS_CASES: list[tuple[str, str, list[str]]] = [
    (
        "news_dateline_inline",
        "KHARKIV, Ukraine (Reuters) - Two people were killed overnight. Dozens were hurt.",
        ["KHARKIV, Ukraine (Reuters) - Two people were killed overnight.", "Dozens were hurt."],
    ),
    (
        "news_dateline_ap_dash",
        "WASHINGTON (AP) — The Senate passed the bill on Tuesday. The House votes next week.",
        ["WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "The House votes next week."],
    ),
    (
        "news_dateline_own_line",
        "GAZA CITY\nAid trucks were turned back on Sunday.",
        ["GAZA CITY", "Aid trucks were turned back on Sunday."],
    ),
    (
        "news_dateline_with_month_abbrev",
        "JAKARTA, Jan. 5 (AP) — Rescuers pulled two miners from the shaft.",
        ["JAKARTA, Jan. 5 (AP) — Rescuers pulled two miners from the shaft."],
    ),
    (
        "news_headline_no_stop",
        "Floods displace thousands in Sudan\nThe river burst its banks overnight.",
        ["Floods displace thousands in Sudan", "The river burst its banks overnight."],
    ),
    (
        "news_headline_question",
        "Can the truce hold?\nDiplomats are doubtful.",
        ["Can the truce hold?", "Diplomats are doubtful."],
    ),
    (
        "news_byline",
        "By Maria Olsen and Tom Reyes\nPolice cordoned off the square.",
        ["By Maria Olsen and Tom Reyes", "Police cordoned off the square."],
    ),
    (
        "news_source_line",
        "Casualty figures rose again. \nSource: Ministry of Health",
        ["Casualty figures rose again.", "Source: Ministry of Health"],
    ),
    (
        "news_reporting_credit",
        "The port reopened on Monday.\nReporting by Ana Silva; Editing by Mark Heinrich",
        ["The port reopened on Monday.", "Reporting by Ana Silva; Editing by Mark Heinrich"],
    ),
    (
        "news_bullet_lines",
        "Key points:\n• Ceasefire holds in the north\n• Talks resume on Thursday\n"
        "- Aid deliveries delayed",
        [
            "Key points:",
            "• Ceasefire holds in the north",
            "• Talks resume on Thursday",
            "- Aid deliveries delayed",
        ],
    ),
    (
        "news_paragraph_break",
        "The shelling stopped at noon.\n\nResidents emerged from the shelters.",
        ["The shelling stopped at noon.", "Residents emerged from the shelters."],
    ),
    (
        "news_single_newline_no_stop",
        "Update\nThe bridge has reopened",
        ["Update", "The bridge has reopened"],
    ),
    (
        "news_lower_case_transcript",
        "he said it was over. then the shelling started. we ran to the basement.",
        ["he said it was over.", "then the shelling started.", "we ran to the basement."],
    ),
    (
        "news_lower_case_transcript_question",
        "is it safe now? nobody knows. we are still waiting.",
        ["is it safe now?", "nobody knows.", "we are still waiting."],
    ),
    (
        "news_lower_case_abbreviation",
        "the convoy left at 6 a.m. on tuesday. nobody stopped it at the u.s. checkpoint.",
        ["the convoy left at 6 a.m. on tuesday.", "nobody stopped it at the u.s. checkpoint."],
    ),
    (
        "news_lt_col",
        "Lt. Col. Ivan Marsh led the unit. Gen. Ada Lind took over in March.",
        ["Lt. Col. Ivan Marsh led the unit.", "Gen. Ada Lind took over in March."],
    ),
    (
        "news_no_10_downing_street",
        "Protesters gathered outside No. 10 Downing Street. Police closed the road.",
        ["Protesters gathered outside No. 10 Downing Street.", "Police closed the road."],
    ),
    (
        "news_jan_5",
        "The ceasefire began on Jan. 5 and collapsed on Feb. 11. Fighting resumed at dawn.",
        ["The ceasefire began on Jan. 5 and collapsed on Feb. 11.", "Fighting resumed at dawn."],
    ),
    (
        "news_sept_year",
        "The brigade was formed in Sept. 2014 near Donetsk.",
        ["The brigade was formed in Sept. 2014 near Donetsk."],
    ),
    (
        "news_dr_mrs",
        "Dr. Leila Haddad and Mrs. Okafor met at the clinic.",
        ["Dr. Leila Haddad and Mrs. Okafor met at the clinic."],
    ),
    (
        "news_gen_adm",
        "Gen. Mark Pollard and Adm. Ruth Kane briefed reporters.",
        ["Gen. Mark Pollard and Adm. Ruth Kane briefed reporters."],
    ),
    (
        "news_senator_state",
        "The bill was backed by Sen. Jo Hale (D-Mass.) and Rep. Li Chen.",
        ["The bill was backed by Sen. Jo Hale (D-Mass.) and Rep. Li Chen."],
    ),
    (
        "news_state_abbrev_end",
        "The suspect was arrested in Austin, Tex. Police said he was armed.",
        ["The suspect was arrested in Austin, Tex.", "Police said he was armed."],
    ),
    (
        "news_inc_end",
        "The drones were built by Halvorsen Inc. The company denied it.",
        ["The drones were built by Halvorsen Inc.", "The company denied it."],
    ),
    (
        "news_inc_mid",
        "Halvorsen Inc. shares fell 8 percent.",
        ["Halvorsen Inc. shares fell 8 percent."],
    ),
    (
        "news_corp_title_mid",
        "Orbis Corp. Chief Executive Dana Wu resigned on Friday.",
        ["Orbis Corp. Chief Executive Dana Wu resigned on Friday."],
    ),
    (
        "news_ltd_end",
        "The ship belongs to Marlow Shipping Ltd. It sails under a Maltese flag.",
        ["The ship belongs to Marlow Shipping Ltd.", "It sails under a Maltese flag."],
    ),
    (
        "news_jr_end",
        "The mission was led by Paul Grant Jr. He had flown 40 sorties.",
        ["The mission was led by Paul Grant Jr.", "He had flown 40 sorties."],
    ),
    (
        "news_etc_end",
        "They bought rice, flour, oil, etc. Prices doubled within a week.",
        ["They bought rice, flour, oil, etc.", "Prices doubled within a week."],
    ),
    (
        "news_eg_ie",
        "Heavy weapons, e.g. artillery and rockets, were withdrawn, i.e. moved 20 km back.",
        ["Heavy weapons, e.g. artillery and rockets, were withdrawn, i.e. moved 20 km back."],
    ),
    (
        "news_vs",
        "The case, Rivera vs. The State, opens on Monday.",
        ["The case, Rivera vs. The State, opens on Monday."],
    ),
    (
        "news_approx",
        "The crowd numbered approx. 5,000 people.",
        ["The crowd numbered approx. 5,000 people."],
    ),
    (
        "news_st_street_end",
        "The blast hit a cafe on Kirov St. The owner survived.",
        ["The blast hit a cafe on Kirov St.", "The owner survived."],
    ),
    (
        "news_st_saint",
        "Crowds filled St. Mark's Square after St. Peter's bells rang.",
        ["Crowds filled St. Mark's Square after St. Peter's bells rang."],
    ),
    (
        "news_ranking_no",
        "She finished No. 3 in the rankings. Her rival was No. 1.",
        ["She finished No. 3 in the rankings.", "Her rival was No. 1."],
    ),
    (
        "news_un_security_council",
        "The U.N. Security Council met on Friday. Russia vetoed the draft.",
        ["The U.N. Security Council met on Friday.", "Russia vetoed the draft."],
    ),
    (
        "news_us_then_the",
        "Aid was flown in from the U.S. The first flight landed at dawn.",
        ["Aid was flown in from the U.S.", "The first flight landed at dawn."],
    ),
    (
        "news_us_president",
        "Talks with U.S. President Ellen Park ended without a deal.",
        ["Talks with U.S. President Ellen Park ended without a deal."],
    ),
    (
        "news_decimals_commas_money",
        "Inflation rose 3.5 percent, the index lost 1,200 points and the deficit hit $4.2 billion.",
        [
            "Inflation rose 3.5 percent, the index lost 1,200 points and the deficit hit "
            "$4.2 billion."
        ],
    ),
    (
        "news_percent_end",
        "Turnout was 61.4 percent. Officials called it a record.",
        ["Turnout was 61.4 percent.", "Officials called it a record."],
    ),
    (
        "news_time_decimal_am",
        "The strike hit at 10.30 a.m. local time. Sirens sounded again at 4 p.m.",
        ["The strike hit at 10.30 a.m. local time.", "Sirens sounded again at 4 p.m."],
    ),
    (
        "news_pm_end_capital",
        "The curfew starts at 9 p.m. Residents must stay indoors.",
        ["The curfew starts at 9 p.m.", "Residents must stay indoors."],
    ),
    (
        "news_pm_weekday",
        "Polls close at 8 p.m. Sunday in most districts.",
        ["Polls close at 8 p.m. Sunday in most districts."],
    ),
    (
        "news_fronted_time_title",
        "At 11 p.m. Sgt. Diaz radioed for help.",
        ["At 11 p.m. Sgt. Diaz radioed for help."],
    ),
    (
        "news_year_then_year",
        "The war began in 2014. 2022 brought a full invasion.",
        ["The war began in 2014.", "2022 brought a full invasion."],
    ),
    (
        "news_version_numbers",
        "The app was updated to version 2.4.1 last week. Version 2.5 is due in May.",
        ["The app was updated to version 2.4.1 last week.", "Version 2.5 is due in May."],
    ),
    (
        "news_initials_two",
        "A biography of T. S. Eliot was reissued this year.",
        ["A biography of T. S. Eliot was reissued this year."],
    ),
    (
        "news_initials_three",
        "Fans of J. R. R. Tolkien queued outside the shop.",
        ["Fans of J. R. R. Tolkien queued outside the shop."],
    ),
    (
        "news_middle_initial",
        "Crowds lined the route for President Harry S. Truman in 1948.",
        ["Crowds lined the route for President Harry S. Truman in 1948."],
    ),
    (
        "news_quote_comma_said",
        '"We will fight," he said. "Nobody will take this city."',
        ['"We will fight," he said.', '"Nobody will take this city."'],
    ),
    (
        "news_quote_stop_then",
        'The mayor told residents, "Stay inside." Then the sirens began.',
        ['The mayor told residents, "Stay inside."', "Then the sirens began."],
    ),
    (
        "news_quote_spans_sentences",
        '"We will not retreat. We will hold the line," the commander said.',
        ['"We will not retreat.', 'We will hold the line," the commander said.'],
    ),
    (
        "news_quote_question_lower",
        '"Where are the buses?" asked one woman.',
        ['"Where are the buses?" asked one woman.'],
    ),
    (
        "news_quote_exclamation_capital",
        '"Run!" The crowd scattered.',
        ['"Run!"', "The crowd scattered."],
    ),
    (
        "news_curly_quotes",
        "“We have nothing left,” she said. “The shop is gone.” Her son nodded.",
        ["“We have nothing left,” she said.", "“The shop is gone.”", "Her son nodded."],
    ),
    (
        "news_single_quote_end",
        "He called the plan 'a disaster.' Others disagreed.",
        ["He called the plan 'a disaster.'", "Others disagreed."],
    ),
    (
        "news_unicode_ellipsis_boundary",
        "The line went quiet… Then the call dropped.",
        ["The line went quiet…", "Then the call dropped."],
    ),
    (
        "news_unicode_ellipsis_mid",
        "He paused… and then kept reading.",
        ["He paused… and then kept reading."],
    ),
    (
        "news_parenthesised_sentence",
        "The army denied it. (It later admitted the strike.) Investigators were kept out.",
        ["The army denied it.", "(It later admitted the strike.)", "Investigators were kept out."],
    ),
    (
        "news_paren_before_stop",
        "The deal was signed (in Doha). Fighting continued anyway.",
        ["The deal was signed (in Doha).", "Fighting continued anyway."],
    ),
    (
        "news_acronym_in_parens",
        "Inspectors from the International Atomic Energy Agency (IAEA) arrived. "
        "They stayed a week.",
        [
            "Inspectors from the International Atomic Energy Agency (IAEA) arrived.",
            "They stayed a week.",
        ],
    ),
    (
        "news_url_end",
        "Read the full text at www.example.com/report. It runs to 80 pages.",
        ["Read the full text at www.example.com/report.", "It runs to 80 pages."],
    ),
    (
        "news_url_query_mid",
        "Visit example.org/news?id=42 for hourly updates.",
        ["Visit example.org/news?id=42 for hourly updates."],
    ),
    (
        "news_email_mid",
        "Contact press@example.net for accreditation.",
        ["Contact press@example.net for accreditation."],
    ),
    (
        "news_three_kinds",
        "Is the ceasefire real? Few believe it. Fewer still expect it to last!",
        ["Is the ceasefire real?", "Few believe it.", "Fewer still expect it to last!"],
    ),
    (
        "news_ordinals",
        "He was born on the 3rd. He died on the 9th.",
        ["He was born on the 3rd.", "He died on the 9th."],
    ),
    (
        "news_numbered_list_lines",
        "The demands:\n1. A full ceasefire.\n2. The release of prisoners.",
        ["The demands:", "1. A full ceasefire.", "2. The release of prisoners."],
    ),
    (
        "news_inline_enumeration_no_split",
        "Officials cited 1) the cost and 2) the risk to civilians.",
        ["Officials cited 1) the cost and 2) the risk to civilians."],
    ),
    (
        "news_photo_caption",
        "Smoke rises over the harbour on Monday. (Photo: AFP)",
        ["Smoke rises over the harbour on Monday.", "(Photo: AFP)"],
    ),
    (
        "news_us_followed_by_title",
        "The plan was drafted by U.S. Gen. Ray Odom and his staff.",
        ["The plan was drafted by U.S. Gen. Ray Odom and his staff."],
    ),
    (
        "news_phd",
        "She earned a Ph.D. in physics in Kyiv.",
        ["She earned a Ph.D. in physics in Kyiv."],
    ),
]

CASES: list[tuple[str, str, list[str]]] = GOLDEN_RULE_CASES + NEWS_CASES
