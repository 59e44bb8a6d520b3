<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../widgets/strings.py" line="48"/>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="49"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="50"/>
        <source>Touch to explore</source>
        <translation>Tik om te ontdekken</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="51"/>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="52"/>
        <source>Guided tours</source>
        <translation>Rondleidingen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="53"/>
        <source>Still there?</source>
        <translation>Nog daar?</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="54"/>
        <source>Touch anywhere to continue</source>
        <translation>Tik om verder te gaan</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="55"/>
        <source>case studies</source>
        <translation>casestudies</translation>
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
        <translation>Scan om thuis verder te lezen</translation>
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
        <translation>Neem het mee</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="84"/>
        <source>Scan with your phone camera to read more.</source>
        <translation>Scan met de camera van je telefoon om meer te lezen.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="85"/>
        <source>Scan to open this page on your phone</source>
        <translation>Scan om deze pagina op je telefoon te openen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="86"/>
        <source>Live data</source>
        <translation>Live data</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="87"/>
        <source>Gallery</source>
        <translation>Galerij</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="88"/>
        <source>Related projects</source>
        <translation>Verwante projecten</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="89"/>
        <source>This story is not available</source>
        <translation>Dit verhaal is niet beschikbaar</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="90"/>
        <source>It may have been updated. Please go back and choose another one.</source>
        <translation>Misschien is het bijgewerkt. Ga terug en kies een ander verhaal.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="91"/>
        <source>Picture %1 of %2</source>
        <translation>Afbeelding %1 van %2</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="92"/>
        <source>Not yet translated: shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="93"/>
        <source>Partners: %1</source>
        <translation>Partners: %1</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="94"/>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="95"/>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="96"/>
        <source>Play video</source>
        <translation>Video afspelen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="99"/>
        <source>Who works with whom</source>
        <translation>Wie werkt met wie</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="100"/>
        <source>Tap an organisation to see its projects and partners. Tap a project to open it.</source>
        <translation>Tik op een organisatie om haar projecten en partners te zien. Tik op een project om het te openen.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="101"/>
        <source>What we did here</source>
        <translation>Wat we hier deden</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="102"/>
        <source>Show in the network</source>
        <translation>Toon in het netwerk</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="103"/>
        <source>Scan to visit their website</source>
        <translation>Scan om hun website te bezoeken</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="104"/>
        <source>Public sector</source>
        <translation>Overheid</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="105"/>
        <source>Companies</source>
        <translation>Bedrijven</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="106"/>
        <source>Research and education</source>
        <translation>Onderzoek en onderwijs</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="107"/>
        <source>Civil society</source>
        <translation>Maatschappelijk middenveld</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="108"/>
        <source>Partners on this tour</source>
        <translation>Partners in deze rondleiding</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="109"/>
        <source>Tap a partner for their page and website</source>
        <translation>Tik op een partner voor hun pagina en website</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="112"/>
        <source>%1, %2 projects, %3 co-partners</source>
        <translation>%1, %2 projecten, %3 medepartners</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="113"/>
        <source>Case study with %1 partners</source>
        <translation>Casus met %1 partners</translation>
    </message>
    <message>
        <source>One tap to answer. Anonymous.</source>
        <translation>Eén tik om te antwoorden. Anoniem.</translation>
    </message>
    <message>
        <source>Thank you! You can change your answer while you are here.</source>
        <translation>Dank je! Je kunt je antwoord veranderen zolang je hier bent.</translation>
    </message>
    <message>
        <source>One moment, please: tap again in a few seconds.</source>
        <translation>Even geduld: tik over een paar seconden opnieuw.</translation>
    </message>
    <message>
        <source>%1 visitors answered</source>
        <translation>%1 bezoekers hebben geantwoord</translation>
    </message>
    <message>
        <source>1 visitor answered</source>
        <translation>1 bezoeker heeft geantwoord</translation>
    </message>
    <message>
        <source>all kiosks of the lab</source>
        <translation>alle kiosken van het lab</translation>
    </message>
    <message>
        <source>this kiosk only (not connected to the lab)</source>
        <translation>alleen deze kiosk (niet verbonden met het lab)</translation>
    </message>
</context>
</TS>
