"""Writes the example résumés in this folder: fictional people, one file per format infoquest reads.

Run it from anywhere with the dev dependencies installed (``pip install -e '.[dev]'``)::

    python examples/resumes/make_resumes.py

It (re)writes eight files next to itself, byte for byte the same on every run (fixed creation dates
and zip timestamps), so the committed copies only change when this script does:

- ``maya_chen_student.pdf``: one-column PDF (fpdf2), nursing student;
- ``daniel_okafor_two_column.pdf``: two-column designer PDF, teacher moving into UX research;
- ``priya_raman_tables.docx``: DOCX laid out in tables (one nested), name in the page header, a text box;
- ``luis_ortega.docx``: ordinary paragraph DOCX, electrician planning a contracting business;
- ``grace_kim_returning.md``: Markdown, accountant returning after a four-year caregiving break;
- ``samuel_adeyemi.json``: JSON Resume (https://jsonresume.org/schema), experienced software engineer;
- ``elena_novak_latin1.txt``: plain text in cp1252 (é, ñ, ü, en dashes), journalist;
- ``aisha_utf16.txt``: UTF-16 with a byte-order mark, public-health graduate.

The PDFs use fpdf2's core Helvetica font, so their text stays within Latin-1.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from fpdf import FPDF, XPos, YPos

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _new_pdf(title: str) -> FPDF:
    pdf = FPDF(format="Letter", unit="pt")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("infoquest examples (fictional person)")
    pdf.set_auto_page_break(auto=True, margin=36)
    pdf.add_page()
    return pdf


def maya_chen_pdf() -> bytes:
    """A plain one-column résumé: headings in bold capitals, one line per fact."""
    pdf = _new_pdf("Maya Chen - Resume")
    pdf.set_margins(54, 50, 54)
    pdf.set_xy(54, 50)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 24, "MAYA CHEN", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 14, "Student Nurse (BSN, expected May 2027)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 14, "Sacramento, CA | maya.chen@example.com | (916) 555-0142", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sections: list[tuple[str, list[str]]] = [
        (
            "SUMMARY",
            [
                "Final-year nursing student with more than 600 clinical hours across medical-surgical, "
                "pediatric and community health rotations. Calm under pressure, bilingual in English and "
                "Cantonese, and hoping to start in pediatric oncology nursing after graduation.",
            ],
        ),
        (
            "EDUCATION",
            [
                "Bachelor of Science in Nursing, California State University, Sacramento - expected May 2027",
                "GPA 3.7; Dean's List (five semesters); Student Nurses' Association secretary, 2025-2026",
            ],
        ),
        (
            "CLINICAL EXPERIENCE",
            [
                "Pediatric Rotation, Riverbend Children's Hospital - Aug 2026 to Oct 2026",
                "- Cared for two to three patients per shift under a registered nurse preceptor",
                "- Taught families to give oral medications at home using the teach-back method",
                "Medical-Surgical Rotation, Mercy Valley Medical Center - Jan 2026 to May 2026",
                "- Assessed vital signs, wounds and pain for post-operative patients",
                "- Documented care in Epic and gave structured SBAR handoffs",
                "Community Health Rotation, Sacramento County Public Health - Sep 2025 to Dec 2025",
                "- Helped run flu vaccination clinics that reached more than 400 residents",
            ],
        ),
        (
            "WORK EXPERIENCE",
            [
                "Certified Nursing Assistant, Oak Terrace Care Center - Jun 2024 to present (part time)",
                "- Support daily living activities for ten residents on a memory-care unit",
                "- Trained four new nursing assistants on safe transfers and fall prevention",
            ],
        ),
        (
            "SKILLS",
            [
                "Patient assessment, medication administration, wound care, IV therapy basics, Epic EHR, "
                "patient and family education, Cantonese (fluent)",
            ],
        ),
        (
            "CERTIFICATIONS",
            [
                "Basic Life Support (BLS), American Heart Association - valid through 2027",
                "Certified Nursing Assistant, State of California - 2024",
            ],
        ),
    ]
    for heading, lines in sections:
        pdf.ln(8)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 16, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 10)
        for line in lines:
            pdf.multi_cell(0, 13, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def daniel_okafor_pdf() -> bytes:
    """A designer-style two-column page: a shaded sidebar on the left, experience on the right.

    Job titles share a line with right-aligned dates, as many templates do. The content stream draws
    the header, then the sidebar, then the main column, which is what layout tools usually emit.
    """
    pdf = _new_pdf("Daniel Okafor - UX Researcher")
    pdf.set_auto_page_break(auto=False)
    page_w, page_h = pdf.w, pdf.h
    side_w = 190.0
    pdf.set_fill_color(232, 238, 243)
    pdf.rect(0, 0, side_w, page_h, style="F")
    pdf.set_fill_color(31, 60, 90)
    pdf.rect(side_w, 0, page_w - side_w, 92, style="F")

    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_xy(side_w + 28, 26)
    pdf.cell(0, 28, "DANIEL OKAFOR")
    pdf.set_font("Helvetica", "", 11)
    pdf.set_xy(side_w + 28, 56)
    pdf.cell(0, 16, "UX Researcher | Former Science Teacher")
    pdf.set_text_color(20, 20, 20)

    sidebar: list[tuple[str, list[str]]] = [
        (
            "CONTACT",
            ["Chicago, IL", "daniel.okafor@example.com", "(312) 555-0187", "danielokafor.example.com"],
        ),
        (
            "SKILLS",
            [
                "User interviews",
                "Usability testing",
                "Survey design",
                "Affinity mapping",
                "Journey mapping",
                "Accessibility (WCAG 2.2)",
                "Workshop facilitation",
            ],
        ),
        ("TOOLS", ["Figma", "Dovetail", "Maze", "Qualtrics", "Miro"]),
        ("LANGUAGES", ["English (native)", "Yoruba (conversational)"]),
    ]
    y = 40.0
    for heading, items in sidebar:
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_xy(22, y)
        pdf.cell(side_w - 40, 14, heading)
        y += 18
        pdf.set_font("Helvetica", "", 9)
        for item in items:
            pdf.set_xy(22, y)
            pdf.cell(side_w - 40, 12, item)
            y += 13
        y += 16

    main_x, main_w = side_w + 28, page_w - side_w - 28 - 36
    pdf.set_left_margin(main_x)
    pdf.set_right_margin(36)
    pdf.set_xy(main_x, 114)

    def heading(text: str) -> None:
        pdf.ln(6)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(main_w, 16, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def body(text: str) -> None:
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(main_w, 12.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def job(title: str, dates: str, employer: str, bullets: list[str]) -> None:
        pdf.set_font("Helvetica", "B", 10)
        y = pdf.get_y()
        pdf.cell(main_w, 14, title)
        pdf.set_font("Helvetica", "", 9.5)
        pdf.set_xy(main_x, y)
        pdf.cell(main_w, 14, dates, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "I", 9.5)
        pdf.cell(main_w, 13, employer, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for bullet in bullets:
            body("- " + bullet)
        pdf.ln(4)

    heading("PROFILE")
    body(
        "UX researcher with nine years of classroom teaching behind me. I plan studies the way I planned "
        "lessons: clear questions, careful observation and honest synthesis. Looking for a full-time "
        "research role on a product team that builds tools for learners and teachers."
    )
    heading("EXPERIENCE")
    job(
        "Freelance UX Researcher",
        "Jan 2026 - Present",
        "Self-employed, Chicago",
        [
            "Ran 18 remote usability sessions for a tutoring app; the redesign they informed cut "
            "sign-up drop-off by 22 percent.",
            "Wrote and piloted a two-week diary study for a nonprofit's parent portal.",
        ],
    )
    job(
        "UX Research Intern",
        "Jun 2025 - Dec 2025",
        "Brightpath Learning, remote",
        [
            "Interviewed 30 teachers and mapped their grading workflow from first draft to report card.",
            "Turned the findings into three design principles the product team adopted for its roadmap.",
        ],
    )
    job(
        "Science Teacher",
        "Aug 2015 - Jun 2024",
        "Lakeview Middle School, Chicago",
        [
            "Taught life and physical science to about 150 students a year.",
            "Redesigned the lab curriculum around student feedback surveys and classroom observation.",
            "Mentored five first-year teachers as grade-level lead.",
        ],
    )
    heading("EDUCATION")
    for line in [
        "UX Research Bootcamp, Springboard - 2025",
        "Google UX Design Certificate - 2024",
        "M.Ed. Curriculum and Instruction, University of Illinois Chicago - 2015",
        "B.S. Biology, University of Lagos - 2012",
    ]:
        body(line)
    return bytes(pdf.output())


# A floating text box as Word writes it: DrawingML for current readers, with a VML copy of the same
# text as the fallback for old ones. Readers must take one of the two, not both.
_TEXT_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml"
     xmlns:o="urn:schemas-microsoft-com:office:office">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
                   behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="2286000" cy="640080"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:wrapSquare wrapText="bothSides"/>
          <wp:docPr id="10" name="Text Box 10"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvSpPr txBox="1"/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="2286000" cy="640080"/></a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                  <a:ln w="6350"><a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill></a:ln>
                </wps:spPr>
                <wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>
                <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440"
                            bIns="45720" anchor="t"/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:shape id="Text Box 10" o:spid="_x0000_s1026" type="#_x0000_t202" strokecolor="#1f4e79"
                 strokeweight=".5pt"
                 style="position:absolute;margin-left:0;margin-top:0;width:180pt;height:50.4pt;z-index:251659264;mso-position-horizontal:right;mso-position-horizontal-relative:margin">
          <v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox>
        </v:shape>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def _text_box_run(lines: list[str]) -> object:
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{line}</w:t></w:r></w:p>" for line in lines)
    return parse_xml(_TEXT_BOX.format(paragraphs=paragraphs))


def _reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so regenerating an unchanged DOCX changes no bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 2, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def _save_docx(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return _reproducible_zip(buffer.getvalue())


def _fix_core_properties(document: object, title: str) -> None:
    props = document.core_properties  # type: ignore[attr-defined]
    props.title = title
    props.author = "infoquest examples (fictional person)"
    props.last_modified_by = "infoquest examples"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1


def priya_raman_docx() -> bytes:
    """A table-layout résumé: labels in the left column, content on the right, a nested table of jobs."""
    document = Document()
    _fix_core_properties(document, "Priya Raman - Resume")
    header = document.sections[0].header
    header.paragraphs[0].text = "Priya Raman, EIT"
    header.paragraphs[0].runs[0].bold = True
    header.paragraphs[0].runs[0].font.size = Pt(18)
    header.add_paragraph("Austin, TX | priya.raman@example.com | (512) 555-0163")

    intro = document.add_paragraph()
    intro.add_run("Civil engineering graduate, Engineer in Training (EIT)")
    intro.runs[0].italic = True
    intro._p.append(
        _text_box_run(
            ["Open to entry-level roles in water resources or transportation engineering, starting January 2027."]
        )
    )

    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"

    def row(label: str) -> object:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        return cells[1]

    summary = row("SUMMARY")
    summary.paragraphs[0].text = (
        "Recent civil engineering graduate who passed the Fundamentals of Engineering (FE) exam in "
        "July 2026. Two internships in stormwater design and traffic studies; comfortable in the field "
        "and in Civil 3D."
    )

    education = row("EDUCATION")
    education.paragraphs[0].text = "B.S. Civil Engineering, The University of Texas at Austin, May 2026"
    education.add_paragraph("GPA 3.6; treasurer of the ASCE student chapter, 2024-2025")

    experience = row("EXPERIENCE")
    experience.paragraphs[0].text = "Internships (most recent first):"
    jobs = experience.add_table(rows=0, cols=2)
    jobs.style = "Table Grid"
    for title, dates, bullets in [
        (
            "Water Resources Engineering Intern, Hillcrest Civil Partners",
            "May 2025 - Aug 2025",
            "Sized detention ponds and storm drains for two subdivisions; ran HEC-HMS models for the 100-year storm.",
        ),
        (
            "Transportation Engineering Intern, City of Cedar Hollow Public Works",
            "Jun 2024 - Aug 2024",
            "Counted turning movements at 14 intersections and drafted signal-timing memos.",
        ),
    ]:
        cells = jobs.add_row().cells
        cells[0].text = title
        cells[1].text = dates
        cells = jobs.add_row().cells
        merged = cells[0].merge(cells[1])
        merged.text = bullets
    experience.add_paragraph("Both internships included weekly site visits with senior engineers.")

    projects = row("PROJECTS")
    projects.paragraphs[0].text = (
        "Senior design: green-street retrofit for a 1.2-mile corridor in East Austin; led the drainage "
        "team of four and presented to city staff."
    )

    skills = row("SKILLS")
    skills.paragraphs[0].add_run(
        "AutoCAD Civil 3D, HEC-RAS, HEC-HMS, ArcGIS Pro, Bluebeam, Python, Excel, field surveying"
    )

    certifications = row("CERTIFICATIONS")
    certifications.paragraphs[0].add_run("Engineer in Training (EIT), Texas Board of Professional Engineers, 2026")
    certifications.add_paragraph("OSHA 10 Construction, 2024")
    return _save_docx(document)


def luis_ortega_docx() -> bytes:
    """An ordinary Word résumé: Heading 1 sections, bulleted lists, no tables."""
    document = Document()
    _fix_core_properties(document, "Luis Ortega - Resume")
    document.add_heading("Luis Ortega", level=0)
    document.add_paragraph("Master Electrician | Phoenix, AZ | luis.ortega@example.com | (602) 555-0119")

    document.add_heading("Summary", level=1)
    document.add_paragraph(
        "Licensed electrician with 17 years in residential and light-commercial work, the last six as a "
        "foreman leading crews of up to eight. Now preparing to open my own electrical contracting "
        "business and keen to learn how owners bid work, manage cash flow and hire well."
    )
    document.add_heading("Experience", level=1)
    for title, bullets in [
        (
            "Electrical Foreman, Desert Current Electric, Phoenix - March 2020 to present",
            [
                "Lead crews of four to eight on tenant improvements and new homes, jobs up to $1.2M",
                "Read plans, order materials and keep jobs on schedule; no lost-time injuries since 2021",
                "Train apprentices; five have passed their journeyman exams",
            ],
        ),
        (
            "Journeyman Electrician, Valley Wide Electrical, Mesa - June 2013 to February 2020",
            [
                "Wired more than 200 new homes and service upgrades",
                "Installed solar tie-ins and EV chargers; handled customer walk-throughs",
            ],
        ),
        ("Apprentice Electrician, Valley Wide Electrical, Mesa - June 2009 to May 2013", []),
    ]:
        paragraph = document.add_paragraph()
        paragraph.add_run(title).bold = True
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")

    document.add_heading("Education", level=1)
    document.add_paragraph("Small Business Management certificate, Mesa Community College - 2026")
    document.add_paragraph("Electrical apprenticeship, 8,000 hours with classroom training - 2009 to 2013")

    document.add_heading("Licenses and Certifications", level=1)
    for line in [
        "Arizona contractor license exam for electrical qualifying party - passed 2026",
        "OSHA 30 Construction - 2022",
        "NFPA 70E Electrical Safety - 2024",
    ]:
        document.add_paragraph(line, style="List Bullet")

    document.add_heading("Skills", level=1)
    document.add_paragraph(
        "NEC code compliance, estimating and bidding, load calculations, troubleshooting, crew scheduling, "
        "customer communication, Spanish (native)"
    )
    return _save_docx(document)


GRACE_KIM_MD = """\
# Grace Kim, CPA

Seattle, WA · grace.kim@example.com · [LinkedIn](https://www.linkedin.com/in/grace-kim-example)

## Summary

Certified public accountant with eight years in audit and corporate accounting, returning to work
after a four-year career break caring for my father. I kept my CPA license active and have just
completed courses on lease and revenue accounting and on cloud ERP systems.

## Experience

**Senior Accountant**, Cascade Outdoor Co., Seattle — *Mar 2018 – Aug 2022*

- Owned the month-end close for three subsidiaries and cut it from nine days to six
- Led the ASC 842 lease accounting implementation
- Prepared audit schedules and was the main contact for the external auditors

**Audit Associate, then Senior Associate**, Harbor & Pine LLP, Seattle — *Sep 2014 – Feb 2018*

- Planned and ran audits of manufacturing and nonprofit clients with revenue up to $300M
- Supervised teams of up to three associates

## Career Break

*Sep 2022 – Sep 2026* — Full-time caregiver for a parent. Managed the household's finances, insurance
claims and tax filings, and served as volunteer treasurer for the Beacon Hill Food Bank (2024–2026),
where I moved the books from spreadsheets to QuickBooks Online.

## Education

B.A. in Business Administration (Accounting), University of Washington, 2014

## Certifications

- Certified Public Accountant, Washington State, license active
- *NetSuite Financial User* course, 2026
- Continuing professional education: ASC 606 and ASC 842 updates, 2025–2026

## Skills

US GAAP, month-end close, reconciliations, audit preparation, Excel (Power Query, pivot tables),
NetSuite, QuickBooks Online
"""

SAMUEL_ADEYEMI: dict[str, object] = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Samuel Adeyemi",
        "label": "Senior Software Engineer",
        "email": "samuel.adeyemi@example.com",
        "phone": "+1 416 555 0175",
        "url": "https://samueladeyemi.example.com",
        "summary": (
            "Backend engineer with twelve years of experience building payment and logistics systems. "
            "I have led teams of up to six and am weighing a move into engineering management versus "
            "a staff engineer track."
        ),
        "location": {"city": "Toronto", "region": "Ontario", "countryCode": "CA"},
        "profiles": [{"network": "GitHub", "username": "sadeyemi-example"}],
    },
    "work": [
        {
            "name": "Northwind Payments",
            "position": "Senior Software Engineer",
            "startDate": "2021-03",
            "summary": "Tech lead for the settlement platform that moves about $2B a month.",
            "highlights": [
                "Split a monolithic ledger service into three Go services with zero downtime",
                "Cut reconciliation failures by 80% with idempotent event processing on Kafka",
                "Mentored six engineers; two were promoted to senior",
            ],
        },
        {
            "name": "Parcelway Logistics",
            "position": "Software Engineer",
            "startDate": "2017-06",
            "endDate": "2021-02",
            "summary": "Built routing and tracking APIs used by 40,000 couriers.",
            "highlights": [
                "Designed the PostgreSQL partitioning scheme for 3 billion tracking events",
                "Introduced contract tests that halved integration incidents",
            ],
        },
        {
            "name": "Lagos Digital Studio",
            "position": "Junior Developer",
            "startDate": "2014-08",
            "endDate": "2017-05",
            "highlights": ["Shipped Django web apps for banks and retailers"],
        },
    ],
    "volunteer": [
        {
            "organization": "Code Mentors Toronto",
            "position": "Volunteer mentor",
            "startDate": "2022-01",
            "summary": "Coach newcomers to Canada preparing for technical interviews.",
        }
    ],
    "education": [
        {
            "institution": "University of Ibadan",
            "area": "Computer Science",
            "studyType": "Bachelor of Science",
            "startDate": "2009-10",
            "endDate": "2014-07",
        }
    ],
    "certificates": [
        {
            "name": "AWS Certified Solutions Architect - Associate",
            "issuer": "Amazon Web Services",
            "date": "2023",
        }
    ],
    "skills": [
        {"name": "Backend", "keywords": ["Go", "Python", "Java", "gRPC", "REST"]},
        {"name": "Data", "keywords": ["PostgreSQL", "Kafka", "Redis"]},
        {"name": "Infrastructure", "keywords": ["AWS", "Kubernetes", "Terraform"]},
        {"name": "Leadership", "keywords": ["Mentoring", "Incident command", "Design reviews"]},
    ],
    "projects": [
        {
            "name": "ledger-lint",
            "description": "Open-source checker for double-entry invariants in event streams.",
            "highlights": ["Used by three fintech teams"],
        }
    ],
    "languages": [{"language": "English", "fluency": "Native"}, {"language": "Yoruba", "fluency": "Native"}],
    "interests": [{"name": "Community", "keywords": ["Chess club organiser", "Football"]}],
}

ELENA_NOVAK_TXT = """\
ELENA NOVAK
Investigative journalist – Madrid and remote
elena.novak@example.com · +34 600 555 014

PROFILE
Bilingual (English–Spanish) reporter with eleven years covering health, migration and public
money. Known for patient document work and “follow the money” data stories. Exploring a move into
investigations editing or newsroom training.

EXPERIENCE
Senior Reporter – Diario Económico del Sur, Sevilla – 2021 to present
  * Led a six-month investigation into hospital procurement that prompted a regional audit
  * Built the newsroom’s first shared database of public contracts (Python, SQL)
Correspondent – Münchner Abendpost, Munich – 2017 to 2021
  * Covered migration and asylum courts in Bavaria, in German and English
Reporter – La Voz de Peñafiel – 2015 to 2017
  * Daily local news, council meetings and a weekly café-politics column

EDUCATION
M.A. Investigative Journalism (Periodismo de Investigación), Universidad Complutense de Madrid – 2015
B.A. Journalism, University of Missouri – 2013

SKILLS
Data journalism (Python, SQL, Datawrapper), freedom-of-information requests, interviewing
survivors, fact-checking, editing. Languages: English, Spanish, German (C1), Czech (conversational).

AWARDS
Premio Andaluz de Periodismo de Datos – finalist, 2023
"""

AISHA_TXT = """\
AISHA RAHMAN
Master of Public Health graduate · Minneapolis, MN · aisha.rahman@example.com

OBJECTIVE
Recent MPH graduate in epidemiology looking for an entry-level epidemiologist or program
evaluation role in a state or county health department.

EDUCATION
Master of Public Health, Epidemiology — University of Minnesota, May 2026
Thesis: Heat-related emergency visits among outdoor workers in Minnesota, 2015–2024
B.S. Biology — University of Wisconsin–Madison, May 2023

EXPERIENCE
Graduate Research Assistant — Heat & Health Research Group, Sep 2024 – May 2026
• Cleaned and linked 1.2 million emergency-department records in R
• Wrote the data-quality report used in the group’s grant renewal
Practicum Student — Northstar County Public Health, Jun 2025 – Aug 2025
• Evaluated a community health worker program with 40 stakeholder interviews
• Presented findings and three recommendations to the county board
Community Health Worker (part time) — Riverside Family Clinic, Sep 2021 – Jun 2023
• Helped Somali- and Arabic-speaking families enrol in health insurance

SKILLS
R (tidyverse, survival analysis), SAS, SQL, ArcGIS, REDCap, survey design, data visualisation
Languages: English, Somali, Arabic (العربية)

CERTIFICATIONS
CITI Human Subjects Research, 2024
"""


def main() -> None:
    """Write every example résumé next to this script and print what was written."""
    outputs: dict[str, bytes] = {
        "maya_chen_student.pdf": maya_chen_pdf(),
        "daniel_okafor_two_column.pdf": daniel_okafor_pdf(),
        "priya_raman_tables.docx": priya_raman_docx(),
        "luis_ortega.docx": luis_ortega_docx(),
        "grace_kim_returning.md": GRACE_KIM_MD.encode("utf-8"),
        "samuel_adeyemi.json": (json.dumps(SAMUEL_ADEYEMI, indent=2, ensure_ascii=False) + "\n").encode(),
        "elena_novak_latin1.txt": ELENA_NOVAK_TXT.replace("\n", "\r\n").encode("cp1252"),
        "aisha_utf16.txt": AISHA_TXT.encode("utf-16"),
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
