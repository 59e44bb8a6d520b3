<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../widgets/strings.py" line="48"/>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="49"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="50"/>
        <source>Touch to explore</source>
        <translation>Tryck för att utforska</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="51"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="52"/>
        <source>Guided tours</source>
        <translation>Guidade turer</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="53"/>
        <source>Still there?</source>
        <translation>Är du kvar?</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="54"/>
        <source>Touch anywhere to continue</source>
        <translation>Tryck var som helst för att fortsätta</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="55"/>
        <source>case studies</source>
        <translation>fallstudier</translation>
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
        <translation>Skanna för att läsa vidare hemma</translation>
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
        <translation>Ta med dig hem</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="84"/>
        <source>Scan with your phone camera to read more.</source>
        <translation>Skanna med mobilkameran för att läsa mer.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="85"/>
        <source>Scan to open this page on your phone</source>
        <translation>Skanna för att öppna sidan i mobilen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="86"/>
        <source>Live data</source>
        <translation>Livedata</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="87"/>
        <source>Gallery</source>
        <translation>Galleri</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="88"/>
        <source>Related projects</source>
        <translation>Relaterade projekt</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="89"/>
        <source>This story is not available</source>
        <translation>Den här berättelsen är inte tillgänglig</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="90"/>
        <source>It may have been updated. Please go back and choose another one.</source>
        <translation>Den kan ha uppdaterats. Gå tillbaka och välj en annan.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="91"/>
        <source>Picture %1 of %2</source>
        <translation>Bild %1 av %2</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="92"/>
        <source>Not yet translated: shown in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="93"/>
        <source>Partners: %1</source>
        <translation>Partner: %1</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="94"/>
        <source>Zoom in</source>
        <translation>Zooma in</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="95"/>
        <source>Zoom out</source>
        <translation>Zooma ut</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="96"/>
        <source>Play video</source>
        <translation>Spela upp video</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="98"/>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="99"/>
        <source>Who works with whom</source>
        <translation>Vem arbetar med vem</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="100"/>
        <source>Tap an organisation to see its projects and partners. Tap a project to open it.</source>
        <translation>Tryck på en organisation för att se dess projekt och partner. Tryck på ett projekt för att öppna det.</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="101"/>
        <source>What we did here</source>
        <translation>Det här har vi gjort</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="102"/>
        <source>Show in the network</source>
        <translation>Visa i nätverket</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="103"/>
        <source>Scan to visit their website</source>
        <translation>Skanna för att besöka deras webbplats</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="104"/>
        <source>Public sector</source>
        <translation>Offentlig sektor</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="105"/>
        <source>Companies</source>
        <translation>Företag</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="106"/>
        <source>Research and education</source>
        <translation>Forskning och utbildning</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="107"/>
        <source>Civil society</source>
        <translation>Civilsamhället</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="108"/>
        <source>Partners on this tour</source>
        <translation>Partner på den här turen</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="109"/>
        <source>Tap a partner for their page and website</source>
        <translation>Tryck på en partner för att se deras sida och webbplats</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="112"/>
        <source>%1, %2 projects, %3 co-partners</source>
        <translation>%1, %2 projekt, %3 medpartner</translation>
    </message>
    <message>
        <location filename="../widgets/strings.py" line="113"/>
        <source>Case study with %1 partners</source>
        <translation>Fallstudie med %1 partner</translation>
    </message>
    <message>
        <source>One tap to answer. Anonymous.</source>
        <translation>Ett tryck för att svara. Anonymt.</translation>
    </message>
    <message>
        <source>Thank you! You can change your answer while you are here.</source>
        <translation>Tack! Du kan ändra ditt svar medan du är här.</translation>
    </message>
    <message>
        <source>One moment, please: tap again in a few seconds.</source>
        <translation>Ett ögonblick: tryck igen om några sekunder.</translation>
    </message>
    <message>
        <source>%1 visitors answered</source>
        <translation>%1 besökare har svarat</translation>
    </message>
    <message>
        <source>1 visitor answered</source>
        <translation>1 besökare har svarat</translation>
    </message>
    <message>
        <source>all kiosks of the lab</source>
        <translation>alla labbets skärmar</translation>
    </message>
    <message>
        <source>this kiosk only (not connected to the lab)</source>
        <translation>bara den här skärmen (inte ansluten till labbet)</translation>
    </message>
</context>
</TS>
