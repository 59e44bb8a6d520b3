<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../widgets/strings.py" line="48"/>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="49"/>
        <source>Home</source>
        <translation>Hjem</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="50"/>
        <source>Touch to explore</source>
        <translation>Trykk for å utforske</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="51"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="52"/>
        <source>Guided tours</source>
        <translation>Guidede turer</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="53"/>
        <source>Still there?</source>
        <translation>Er du der fortsatt?</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="54"/>
        <source>Touch anywhere to continue</source>
        <translation>Trykk hvor som helst for å fortsette</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="55"/>
        <source>case studies</source>
        <translation>caser</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="57"/>
        <source>Choose a tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="58"/>
        <source>Stop %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="59"/>
        <source>Stop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="60"/>
        <source>%1 stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="61"/>
        <source>about %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="62"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="63"/>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="64"/>
        <source>End tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="65"/>
        <source>Talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="66"/>
        <source>No talking points for this stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="67"/>
        <source>Show talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="68"/>
        <source>Hide talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="69"/>
        <source>Thank you for visiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="70"/>
        <source>Scan to read on at home</source>
        <translation>Skann for å lese videre hjemme</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="71"/>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="72"/>
        <source>Explore on your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="73"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="75"/>
        <source>Accessibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="76"/>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="77"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="78"/>
        <source>Controls lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="79"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="80"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="81"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="83"/>
        <source>Take it home</source>
        <translation>Ta den med hjem</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="84"/>
        <source>Scan with your phone camera to read more.</source>
        <translation>Skann med mobilkameraet for å lese mer.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="85"/>
        <source>Scan to open this page on your phone</source>
        <translation>Skann for å åpne siden på mobilen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="86"/>
        <source>Live data</source>
        <translation>Sanntidsdata</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="87"/>
        <source>Gallery</source>
        <translation>Galleri</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="88"/>
        <source>Related projects</source>
        <translation>Relaterte prosjekter</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="89"/>
        <source>This story is not available</source>
        <translation>Denne historien er ikke tilgjengelig</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="90"/>
        <source>It may have been updated. Please go back and choose another one.</source>
        <translation>Den kan ha blitt oppdatert. Gå tilbake og velg en annen.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="91"/>
        <source>Picture %1 of %2</source>
        <translation>Bilde %1 av %2</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="92"/>
        <source>Not yet translated: shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="93"/>
        <source>Partners: %1</source>
        <translation>Partnere: %1</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="94"/>
        <source>Zoom in</source>
        <translation>Zoom inn</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="95"/>
        <source>Zoom out</source>
        <translation>Zoom ut</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="96"/>
        <source>Play video</source>
        <translation>Spill av video</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Live</source>
        <translation>Direkte</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Partners</source>
        <translation>Partnere</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="99"/>
        <source>Who works with whom</source>
        <translation>Hvem jobber med hvem</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="100"/>
        <source>Tap an organisation to see its projects and partners. Tap a project to open it.</source>
        <translation>Trykk på en organisasjon for å se prosjektene og partnerne. Trykk på et prosjekt for å åpne det.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="101"/>
        <source>What we did here</source>
        <translation>Dette har vi gjort her</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="102"/>
        <source>Show in the network</source>
        <translation>Vis i nettverket</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="103"/>
        <source>Scan to visit their website</source>
        <translation>Skann for å besøke nettsiden deres</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="104"/>
        <source>Public sector</source>
        <translation>Offentlig sektor</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="105"/>
        <source>Companies</source>
        <translation>Bedrifter</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="106"/>
        <source>Research and education</source>
        <translation>Forskning og utdanning</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="107"/>
        <source>Civil society</source>
        <translation>Sivilsamfunnet</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="108"/>
        <source>Partners on this tour</source>
        <translation>Partnere på denne turen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="109"/>
        <source>Tap a partner for their page and website</source>
        <translation>Trykk på en partner for å se siden og nettstedet deres</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="112"/>
        <source>%1, %2 projects, %3 co-partners</source>
        <translation>%1, %2 prosjekter, %3 medpartnere</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="113"/>
        <source>Case study with %1 partners</source>
        <translation>Case med %1 partnere</translation>
    </message>
    <message>
        <source>One tap to answer. Anonymous.</source>
        <translation>Ett trykk for å svare. Anonymt.</translation>
    </message>
    <message>
        <source>Thank you! You can change your answer while you are here.</source>
        <translation>Takk! Du kan endre svaret ditt mens du er her.</translation>
    </message>
    <message>
        <source>One moment, please: tap again in a few seconds.</source>
        <translation>Et øyeblikk: trykk igjen om noen sekunder.</translation>
    </message>
    <message>
        <source>%1 visitors answered</source>
        <translation>%1 besøkende har svart</translation>
    </message>
    <message>
        <source>1 visitor answered</source>
        <translation>1 besøkende har svart</translation>
    </message>
    <message>
        <source>all kiosks of the lab</source>
        <translation>alle laboratoriets skjermer</translation>
    </message>
    <message>
        <source>this kiosk only (not connected to the lab)</source>
        <translation>bare denne skjermen (ikke koblet til laboratoriet)</translation>
    </message>
</context>
</TS>
